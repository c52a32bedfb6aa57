package dev.parley.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.it.TestUsers.TestUser;
import dev.parley.model.ErrorCode;
import dev.parley.model.Frame;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ConversationEvent;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.CreateConversationReply;
import dev.parley.model.v1.CreateConversationRequest;
import dev.parley.model.v1.GetConversationReply;
import dev.parley.model.v1.GetConversationRequest;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.PingReply;
import dev.parley.model.v1.PingRequest;
import dev.parley.model.v1.SendMessageReply;
import dev.parley.model.v1.SendMessageRequest;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One device of a signed-in user, connected over a real socket, speaking protocol v1 the way
 * a client would: requests carry a fresh requestId, answers are matched by it, events are
 * picked out of what arrives. Every frame it receives is checked against docs/asyncapi.yaml
 * by its {@link WsClient}.
 */
final class Device implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicLong REQUEST_IDS = new AtomicLong();
    private static final ProtocolCodec CODEC = ProtocolCodec.instance();

    private final TestUser user;
    private final String deviceId;
    private final WsClient socket;

    private Device(TestUser user, String deviceId) {
        this(user, deviceId, TestUsers.target().connectUrl(user.accessToken(), deviceId));
    }

    private Device(TestUser user, String deviceId, java.net.URI url) {
        this.user = user;
        this.deviceId = deviceId;
        this.socket = WsClient.connect(url);
    }

    /** Connects a device that names its platform ({@code ios}, {@code android}, {@code web}) on connect. */
    static Device connect(TestUser user, String deviceId, String platform) {
        return new Device(user, deviceId, TestUsers.target().connectUrl(user.accessToken(), deviceId, platform));
    }

    /** Connects a new device of the user (a fresh device id). */
    static Device connect(TestUser user) {
        return new Device(user, "it-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Connects again as an existing device, as an app does after losing its connection. */
    static Device reconnect(TestUser user, String deviceId) {
        return new Device(user, deviceId);
    }

    String userId() {
        return user.userId();
    }

    String deviceId() {
        return deviceId;
    }

    WsClient socket() {
        return socket;
    }

    static <T> T payload(Frame.Reply reply, Class<T> type) {
        try {
            return CODEC.mapper().treeToValue(reply.payload(), type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the reply does not read as " + type.getSimpleName() + ": " + reply, e);
        }
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    // ---- requests ---------------------------------------------------------------------------

    /** Sends an action with the fields of {@code request} (a v1 request record, or an ObjectNode) and returns its requestId without waiting. */
    String submit(String action, Object request) {
        ObjectNode frame = request instanceof ObjectNode node ? node.deepCopy() : CODEC.mapper().valueToTree(request);
        String requestId = "r" + REQUEST_IDS.incrementAndGet();
        frame.put("action", action).put("requestId", requestId);
        socket.send(frame.toString());
        return requestId;
    }

    /** The reply or error that answers {@code requestId}. */
    Frame answer(String requestId) {
        return socket.answerTo(requestId, WAIT);
    }

    /** Sends a request and returns its reply, failing the test on an error. */
    <T> T call(String action, Object request, Class<T> replyType) {
        Frame answer = answer(submit(action, request));
        assertThat(answer).as(action + " answer").isInstanceOf(Frame.Reply.class);
        return payload((Frame.Reply) answer, replyType);
    }

    /** Sends a request that must be refused, and returns the error. */
    Frame.Error refused(String action, Object request, ErrorCode expected) {
        Frame answer = answer(submit(action, request));
        assertThat(answer).as(action + " answer").isInstanceOfSatisfying(Frame.Error.class,
                error -> assertThat(error.code()).as(error.message()).isEqualTo(expected));
        return (Frame.Error) answer;
    }

    ConversationSummary createGroup(String title, boolean e2ee, String... memberIds) {
        CreateConversationReply reply = call(Actions.CREATE_CONVERSATION,
                new CreateConversationRequest("group", List.of(memberIds), title, e2ee), CreateConversationReply.class);
        assertThat(reply.created()).isTrue();
        return reply.conversation();
    }

    CreateConversationReply createDirect(String otherUserId) {
        return call(Actions.CREATE_CONVERSATION,
                new CreateConversationRequest("direct", List.of(otherUserId), null, null), CreateConversationReply.class);
    }

    GetConversationReply get(String conversationId) {
        return call(Actions.GET_CONVERSATION, new GetConversationRequest(conversationId), GetConversationReply.class);
    }

    long lastSeq(String conversationId) {
        return get(conversationId).conversation().lastSeq();
    }

    SendMessageReply send(String conversationId, String clientMessageId, String text) {
        return call(Actions.SEND_MESSAGE,
                new SendMessageRequest(conversationId, clientMessageId, text, null, null, null, null), SendMessageReply.class);
    }

    /** Pings and checks the reply: the connection still works. */
    void assertAlive() {
        PingReply pong = call(Actions.PING, new PingRequest(), PingReply.class);
        assertThat(pong.serverTime()).isPositive();
    }

    // ---- events -----------------------------------------------------------------------------

    MessageEvent awaitMessage(String conversationId, long seq) {
        Frame.Event event = socket.event(e -> isMessage(e, conversationId) && e.payload().path("seq").asLong() == seq,
                WAIT, "message " + seq + " of " + conversationId + " on " + user.username() + "/" + deviceId);
        return eventPayload(event, MessageEvent.class);
    }

    /**
     * Every message event of the conversation that reached this device before the pong to a ping it
     * sends now. Parley posts an action's events before it answers the action, so once its actor has
     * the answer, whatever the action sent this device arrives before this marker.
     */
    List<MessageEvent> messagesBeforeMarker(String conversationId) {
        return eventsBeforeMarker(e -> isMessage(e, conversationId)).stream()
                .map(e -> eventPayload(e, MessageEvent.class)).toList();
    }

    /** Every event of this {@code type} whose payload matches {@code filter} that arrived before a marker (see above). */
    <T> List<T> eventsBeforeMarker(String type, Predicate<JsonNode> filter, Class<T> payloadType) {
        return eventsBeforeMarker(e -> e.type().equals(type) && filter.test(e.payload())).stream()
                .map(e -> eventPayload(e, payloadType)).toList();
    }

    private List<Frame.Event> eventsBeforeMarker(Predicate<Frame.Event> filter) {
        return socket.eventsBeforeAnswerTo(submit(Actions.PING, new PingRequest()), WAIT, filter);
    }

    /** The first event of this {@code type} whose payload matches {@code filter}, waiting up to {@code timeout}. */
    <T> T awaitEvent(String type, Predicate<JsonNode> filter, Class<T> payloadType, Duration timeout, String what) {
        Frame.Event event = socket.event(e -> e.type().equals(type) && filter.test(e.payload()), timeout,
                what + " on " + user.username() + "/" + deviceId);
        return eventPayload(event, payloadType);
    }

    /** Every event of this {@code type} whose payload matches {@code filter} that arrives within {@code period}. */
    <T> List<T> eventsWithin(String type, Predicate<JsonNode> filter, Class<T> payloadType, Duration period) {
        return socket.eventsWithin(period, e -> e.type().equals(type) && filter.test(e.payload())).stream()
                .map(e -> eventPayload(e, payloadType)).toList();
    }

    /** A predicate on an event payload: its {@code field} is the text {@code value}. */
    static Predicate<JsonNode> field(String field, String value) {
        return payload -> payload.path(field).asText().equals(value);
    }

    ConversationEvent awaitConversationEvent(String conversationId, String change) {
        Frame.Event event = socket.event(e -> e.type().equals(Actions.CONVERSATION_EVENT)
                        && e.payload().path("conversationId").asText().equals(conversationId)
                        && e.payload().path("change").asText().equals(change),
                WAIT, "conversation event " + change + " of " + conversationId + " on " + user.username() + "/" + deviceId);
        return eventPayload(event, ConversationEvent.class);
    }

    private static boolean isMessage(Frame.Event event, String conversationId) {
        return event.type().equals(Actions.MESSAGE_EVENT) && event.payload().path("conversationId").asText().equals(conversationId);
    }

    private static <T> T eventPayload(Frame.Event event, Class<T> type) {
        try {
            return CODEC.mapper().treeToValue(event.payload(), type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the event does not read as " + type.getSimpleName() + ": " + event, e);
        }
    }

    /** Drops the TCP connection without a close frame. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
