package dev.parley.functions.handler;

import dev.parley.functions.domain.message.MemberDevices;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.message.Attachments;
import dev.parley.functions.domain.message.InMemoryMessageRepository;
import dev.parley.functions.domain.message.MemberActivity;
import dev.parley.functions.domain.message.MessageRepository;
import dev.parley.functions.domain.message.SendMessage;
import dev.parley.functions.domain.message.LargeGroupSend;
import dev.parley.functions.domain.message.UnreachableMessageRepository;
import dev.parley.functions.domain.push.MessagePushes;
import dev.parley.functions.testing.CapturedLogs;
import dev.parley.functions.testing.LambdaJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The sendMessage route on an AWS-shaped event, over in-memory stores. */
class SendMessageHandlerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.250Z");
    private static final String ALICE = "5c1b7e4a-2f0d-4b8e-9a57-0e6f3c2d1b90";
    private static final String CONVERSATION = "d_5f0c6b1e8a2d4c7f9b3e1a0d2c4b6e8f";

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    private final InMemoryMessageRepository messages = new InMemoryMessageRepository();
    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();
    private final LiveConnections live = connections.liveAt(NOW);

    @BeforeEach
    void aliceAndBobShareAConversationAndBobIsOnline() {
        messages.create(CONVERSATION, Kind.DIRECT, false, Set.of(ALICE, "bob"));
        connections.save(Connection.opened("bobConnection1=", "bob", "pixel", NOW));
    }

    private SendMessageHandler handlerOver(MessageRepository repository) {
        return new SendMessageHandler(new SendMessage(repository, new FanOut(live, publisher),
                MessagePushes.off(), MemberActivity.none(), Attachments.none(), MemberDevices.NONE, Clock.fixed(NOW, ZoneOffset.UTC), LargeGroupSend.off()));
    }

    /** The frame the sending socket gets back (the route response's body). */
    private static JsonNode answer(SendMessageHandler handler, String body) {
        APIGatewayV2WebSocketEvent event = LambdaJson.event("send-message.json", APIGatewayV2WebSocketEvent.class);
        if (body != null) {
            event.setBody(body);
        }
        APIGatewayV2WebSocketResponse response = handler.handleRequest(event, null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        return LambdaJson.frame(response);
    }

    private static String sendBody(String fields) {
        return "{\"action\":\"sendMessage\",\"requestId\":\"r-1\",\"conversationId\":\"" + CONVERSATION + "\"," + fields + "}";
    }

    @Test
    void the_sender_gets_a_reply_with_the_seq_and_the_servers_time_and_the_other_member_gets_the_message() {
        JsonNode reply = answer(handlerOver(messages), null);

        assertThat(reply.get("type").asText()).isEqualTo("reply");
        assertThat(reply.get("requestId").asText()).isEqualTo("r-1");
        assertThat(reply.get("conversationId").asText()).isEqualTo(CONVERSATION);
        assertThat(reply.get("seq").asLong()).isEqualTo(1);
        assertThat(reply.get("sentAt").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(publisher.connectionIds()).containsExactly("bobConnection1=");
        assertThat(publisher.posts().getFirst().frame().get("senderId").asText()).isEqualTo(ALICE);
    }

    @Test
    void the_log_says_where_the_message_went_and_never_what_it_says() {
        answer(handlerOver(messages), null);

        JsonNode stored = logs.lines().getLast();
        assertThat(stored.get("message").asText()).isEqualTo("message stored");
        assertThat(stored.get("seq").asLong()).isEqualTo(1);
        assertThat(stored.get("delivered").asInt()).isEqualTo(1);
        assertThat(stored.get("connectionId").asText()).isEqualTo("eRcq1dBfoAMCJfw=");
        assertThat(logs.lines()).allSatisfy(line -> assertThat(line.toString()).doesNotContain("hello bob"));
    }

    @Test
    void a_non_member_gets_exactly_the_answer_an_unknown_conversation_gets() {
        messages.create(CONVERSATION, Kind.DIRECT, false, Set.of("bob", "carol"));

        JsonNode nonMember = answer(handlerOver(messages), null);
        JsonNode unknown = answer(handlerOver(new InMemoryMessageRepository()), null);

        assertThat(nonMember.get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(nonMember).isEqualTo(unknown);
    }

    @Test
    void a_field_of_the_wrong_type_is_a_bad_request_naming_the_field() {
        JsonNode error = answer(handlerOver(messages), sendBody("\"clientMessageId\":\"out-1\",\"text\":42"));

        assertThat(error.get("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(error.get("requestId").asText()).isEqualTo("r-1");
        assertThat(error.get("message").asText()).contains("\"text\"");
    }

    @Test
    void a_body_over_the_limit_is_payload_too_large() {
        JsonNode error = answer(handlerOver(messages), sendBody("\"clientMessageId\":\"out-1\",\"text\":\"" + "x".repeat(16_385) + "\""));

        assertThat(error.get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(messages.messages(CONVERSATION)).isEmpty();
    }

    @Test
    void a_request_without_a_request_id_is_refused_because_its_reply_could_not_be_matched() {
        JsonNode error = answer(handlerOver(messages),
                "{\"action\":\"sendMessage\",\"conversationId\":\"" + CONVERSATION + "\",\"clientMessageId\":\"o\",\"text\":\"hi\"}");

        assertThat(error.get("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(error.get("message").asText()).contains("\"requestId\"");
        assertThat(messages.messages(CONVERSATION)).isEmpty();
    }

    @Test
    void an_unexpected_failure_is_answered_internal_and_logged_once_with_request_and_connection() {
        JsonNode error = answer(handlerOver(new UnreachableMessageRepository()), null);

        assertThat(error.get("code").asText()).isEqualTo("INTERNAL");
        assertThat(error.get("requestId").asText()).isEqualTo("r-1");
        assertThat(logs.lines()).singleElement().satisfies(line -> {
            assertThat(line.get("level").asText()).isEqualTo("ERROR");
            assertThat(line.get("requestId").asText()).isEqualTo("eRcrIGH4oAMFTtg=");
            assertThat(line.get("connectionId").asText()).isEqualTo("eRcq1dBfoAMCJfw=");
        });
    }
}
