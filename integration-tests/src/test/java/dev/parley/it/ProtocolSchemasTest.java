package dev.parley.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.ErrorCode;
import dev.parley.model.v1.Actions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document is strict enough to catch a wrong frame and loose enough to let the
 * server add fields, so that validating the frames of the socket tests means something.
 * Needs no running stack.
 */
class ProtocolSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProtocolSchemas schemas = ProtocolSchemas.instance();

    private static ObjectNode frame(String json) {
        try {
            return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static final String MESSAGE_EVENT = "{'type':'message','conversationId':'d_3f9a1c0e5b7d2e4f6a8b0c1d2e3f4a5b','seq':43,"
            + "'senderId':'1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f','senderDeviceId':'phone-7f3a','sentAt':1767225600123,"
            + "'clientMessageId':'m-1','text':'On my way'}";

    @Test
    void every_example_in_the_document_matches_its_message() {
        JsonNode messages = schemas.document().path("components").path("messages");
        List<String> checked = new ArrayList<>();
        messages.fields().forEachRemaining(message -> {
            JsonNode examples = message.getValue().path("examples");
            assertThat(examples.size()).as("examples of " + message.getKey()).isPositive();
            examples.forEach(example -> {
                assertThat(schemas.messageViolations(message.getKey(), example.path("payload")))
                        .as(message.getKey() + " example " + example).isEmpty();
                checked.add(message.getKey());
            });
        });
        assertThat(checked).hasSizeGreaterThanOrEqualTo(50);
    }

    @Test
    void every_v1_action_has_a_request_and_a_reply_message_and_every_event_type_an_event_message() throws Exception {
        JsonNode messages = schemas.document().path("components").path("messages");
        for (Field field : Actions.class.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            String name = (String) field.get(null);
            if (field.getName().endsWith("_EVENT")) {
                assertThat(messages.has(name + "Event")).as("event " + name).isTrue();
            } else {
                assertThat(messages.has(name + "Request")).as("request " + name).isTrue();
                assertThat(messages.has(name + "Reply")).as("reply " + name).isTrue();
                assertThat(schemas.document().path("operations").path(name).path("action").asText()).isEqualTo("send");
            }
        }
    }

    @Test
    void the_error_schema_lists_exactly_the_error_codes_of_shared_model() {
        JsonNode codes = schemas.document().at("/components/schemas/ErrorCode/enum");
        assertThat(StreamSupport.stream(codes.spliterator(), false).map(JsonNode::asText))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    }

    @Test
    void a_correct_message_event_passes_and_extra_fields_are_allowed() {
        assertThat(schemas.messageViolations("messageEvent", frame(MESSAGE_EVENT))).isEmpty();

        ObjectNode withMore = frame(MESSAGE_EVENT).put("futureField", 1);
        withMore.putObject("reactions").put("thumbsUp", 2);
        assertThat(schemas.messageViolations("messageEvent", withMore)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"seq", "senderId", "senderDeviceId", "sentAt", "conversationId", "clientMessageId", "text", "type"})
    void a_message_event_missing_a_required_field_fails(String field) {
        ObjectNode broken = frame(MESSAGE_EVENT);
        broken.remove(field);
        assertThat(schemas.messageViolations("messageEvent", broken)).isNotEmpty();
    }

    @Test
    void deliberately_wrong_frames_fail_validation() {
        Map<String, ObjectNode> wrong = Map.of(
                "seq as a string", frame(MESSAGE_EVENT).put("seq", "43"),
                "seq zero", frame(MESSAGE_EVENT).put("seq", 0),
                "both bodies", frame(MESSAGE_EVENT).put("ciphertext", "AAAA").put("alg", "x"),
                "ciphertext without alg", (ObjectNode) frame(MESSAGE_EVENT).put("ciphertext", "AAAA").without("text"),
                "wrong type", frame(MESSAGE_EVENT).put("type", "reply"),
                "malformed conversation id", frame(MESSAGE_EVENT).put("conversationId", "conv-1"));
        wrong.forEach((what, frame) ->
                assertThat(schemas.messageViolations("messageEvent", frame)).as(what).isNotEmpty());

        assertThat(schemas.messageViolations("error", frame("{'type':'error','code':'NOPE','message':'x'}")))
                .as("an error code shared-model does not have").isNotEmpty();
        assertThat(schemas.messageViolations("error", frame("{'type':'error','code':'NOT_FOUND'}")))
                .as("an error without a message").isNotEmpty();
        assertThat(schemas.messageViolations("sendMessageReply",
                frame("{'type':'reply','requestId':'9','conversationId':'d_3f9a1c0e5b7d2e4f6a8b0c1d2e3f4a5b','sentAt':1}")))
                .as("a sendMessage reply without seq").isNotEmpty();
        assertThat(schemas.messageViolations("pingReply", frame("{'type':'reply','serverTime':1}")))
                .as("a reply without requestId").isNotEmpty();
        assertThat(schemas.messageViolations("conversationEvent",
                frame("{'type':'conversation','conversationId':'g_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b','change':'exploded','by':'u'}")))
                .as("an unknown change").isNotEmpty();
        assertThat(schemas.messageViolations("getConversationReply",
                frame("{'type':'reply','requestId':'4','conversation':{'conversationId':'g_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b'},'members':[]}")))
                .as("a summary missing its fields").isNotEmpty();
    }

    @Test
    void requests_are_checked_too() {
        assertThat(schemas.messageViolations("sendMessageRequest", frame(
                "{'action':'sendMessage','conversationId':'g_1','clientMessageId':'has space','text':'x'}"))).isNotEmpty();
        assertThat(schemas.messageViolations("findUsersRequest", frame("{'action':'findUsers','usernames':[]}"))).isNotEmpty();
        assertThat(schemas.messageViolations("pingRequest", frame("{'action':'pong'}"))).isNotEmpty();
    }

    @Test
    void a_received_reply_is_checked_against_the_reply_of_the_action_it_answers() {
        String pingReply = "{\"type\":\"reply\",\"requestId\":\"7\",\"serverTime\":1767225600000}";

        assertThat(schemas.receivedFrameViolations(pingReply, id -> id.equals("7") ? "ping" : null)).isEmpty();
        assertThat(schemas.receivedFrameViolations(pingReply, id -> "sendMessage"))
                .as("a ping reply where a sendMessage reply was due").isNotEmpty();
        assertThat(schemas.receivedFrameViolations(pingReply, id -> null))
                .as("a reply to no request this client sent").isNotEmpty();
    }

    @Test
    void received_events_are_checked_by_type_and_unknown_frames_are_findings() {
        assertThat(schemas.receivedFrameViolations(MESSAGE_EVENT.replace('\'', '"'), id -> null)).isEmpty();
        assertThat(schemas.receivedFrameViolations("{\"type\":\"typing\"}", id -> null)).as("a typing event without its fields").isNotEmpty();
        assertThat(schemas.receivedFrameViolations("{\"type\":\"reaction\"}", id -> null)).as("an event the document lacks").isNotEmpty();
        assertThat(schemas.receivedFrameViolations("{\"message\":\"Internal server error\",\"connectionId\":\"x\"}", id -> null))
                .as("API Gateway's own failure frame").isNotEmpty();
        assertThat(schemas.receivedFrameViolations("{not json", id -> null)).isNotEmpty();
    }

    private static final String SYNC_REPLY = "{'type':'reply','requestId':'16','conversations':[{'conversation':{"
            + "'conversationId':'d_3f9a1c0e5b7d2e4f6a8b0c1d2e3f4a5b','kind':'direct','e2ee':false,'memberCount':2,'lastSeq':43,"
            + "'lastActivityAt':1767225600123,'unreadCount':1,'role':'member','tier':'small'},'members':['u1','u2'],'messages':[" + MESSAGE_EVENT
            .replace("'type':'message',", "") + "],'hasMore':false,'readSeq':42,'deliveredSeq':42,'muted':false,"
            + "'receipts':[{'userId':'u2','readSeq':43,'deliveredSeq':43}]}],'hasMore':false,'syncToken':'t1'}";

    @Test
    void a_sync_reply_with_stored_messages_passes_and_one_missing_its_syncToken_or_cursors_fails() {
        assertThat(schemas.messageViolations("syncReply", frame(SYNC_REPLY))).isEmpty();
        assertThat(schemas.messageViolations("syncReply", (ObjectNode) frame(SYNC_REPLY).without("syncToken"))).isNotEmpty();
        ObjectNode withoutReadSeq = frame(SYNC_REPLY);
        ((ObjectNode) withoutReadSeq.get("conversations").get(0)).remove("readSeq");
        assertThat(schemas.messageViolations("syncReply", withoutReadSeq)).isNotEmpty();
        ObjectNode messageWithoutSeq = frame(SYNC_REPLY);
        ((ObjectNode) messageWithoutSeq.at("/conversations/0/messages/0")).remove("seq");
        assertThat(schemas.messageViolations("syncReply", messageWithoutSeq)).isNotEmpty();
        ObjectNode withoutReceipts = frame(SYNC_REPLY);
        ((ObjectNode) withoutReceipts.get("conversations").get(0)).remove("receipts");
        assertThat(schemas.messageViolations("syncReply", withoutReceipts)).as("receipts are absent above 16 members").isEmpty();
    }

    @Test
    void the_new_events_are_checked_by_type_and_their_optional_fields_may_be_left_out() {
        String receipt = "{'type':'receipt','conversationId':'d_3f9a1c0e5b7d2e4f6a8b0c1d2e3f4a5b','userId':'u1','deviceId':'phone-1',"
                + "'readSeq':3,'deliveredSeq':3}";
        assertThat(schemas.messageViolations("receiptEvent", frame(receipt))).isEmpty();
        assertThat(schemas.messageViolations("receiptEvent", frame(receipt).put("unreadCount", 0))).isEmpty();
        assertThat(schemas.messageViolations("receiptEvent", frame(receipt).put("unreadCount", -1))).isNotEmpty();
        assertThat(schemas.messageViolations("receiptEvent", (ObjectNode) frame(receipt).without("deviceId")))
                .as("a delivery the server recorded names no device").isEmpty();
        assertThat(schemas.messageViolations("receiptEvent", (ObjectNode) frame(receipt).without("userId"))).isNotEmpty();

        String typing = "{'type':'typing','conversationId':'g_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b','userId':'u1','state':'typing','expiresInMs':6000}";
        assertThat(schemas.receivedFrameViolations(typing.replace('\'', '"'), id -> null)).isEmpty();
        assertThat(schemas.messageViolations("typingEvent", frame(typing).put("state", "thinking"))).isNotEmpty();

        String presence = "{'type':'presence','userId':'u1','status':'online'}";
        assertThat(schemas.messageViolations("presenceEvent", frame(presence))).isEmpty();
        assertThat(schemas.messageViolations("presenceEvent", frame(presence).put("status", "offline").put("lastSeenAt", 1))).isEmpty();
        assertThat(schemas.messageViolations("presenceEvent", frame(presence).put("status", "away"))).isNotEmpty();
    }

    @Test
    void the_new_replies_require_their_fields() {
        assertThat(schemas.messageViolations("markReadReply", frame("{'type':'reply','requestId':'1',"
                + "'conversationId':'d_3f9a1c0e5b7d2e4f6a8b0c1d2e3f4a5b','readSeq':3,'deliveredSeq':3,'unreadCount':0}")))
                .as("a receipt reply without moved").isNotEmpty();
        assertThat(schemas.messageViolations("typingReply", frame("{'type':'reply','requestId':'1'}"))).isEmpty();
        assertThat(schemas.messageViolations("getSettingsReply", frame("{'type':'reply','requestId':'1','presenceVisible':true}")))
                .as("settings without pushPreview").isNotEmpty();
        assertThat(schemas.messageViolations("registerDeviceReply",
                frame("{'type':'reply','requestId':'1','deviceId':'phone-1','platform':'WINDOWS','status':'active'}")))
                .as("an unknown platform").isNotEmpty();
        assertThat(schemas.messageViolations("historyReply", frame("{'type':'reply','requestId':'1',"
                + "'conversationId':'d_3f9a1c0e5b7d2e4f6a8b0c1d2e3f4a5b','messages':[]}"))).as("history without hasMore").isNotEmpty();
        assertThat(schemas.messageViolations("getPresenceReply",
                frame("{'type':'reply','requestId':'1','presence':[{'userId':'u1'}]}"))).as("presence without status").isNotEmpty();
    }

    @Test
    void the_new_requests_are_checked_too() {
        assertThat(schemas.messageViolations("syncRequest", frame("{'action':'sync','requestId':'1','cursors':{'g_1':3}}")))
                .as("a malformed conversation id among the cursors").isNotEmpty();
        assertThat(schemas.messageViolations("syncRequest", frame(
                "{'action':'sync','requestId':'1','cursors':{'g_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b':-1}}"))).as("a negative cursor").isNotEmpty();
        assertThat(schemas.messageViolations("syncRequest", frame("{'action':'sync','requestId':'1','limit':101}"))).isNotEmpty();
        assertThat(schemas.messageViolations("markReadRequest", frame(
                "{'action':'markRead','requestId':'1','conversationId':'g_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b','upToSeq':0}"))).isNotEmpty();
        assertThat(schemas.messageViolations("registerDeviceRequest", frame(
                "{'action':'registerDevice','requestId':'1','platform':'FCM','token':''}"))).as("an empty token").isNotEmpty();
        assertThat(schemas.messageViolations("muteConversationRequest", frame(
                "{'action':'muteConversation','requestId':'1','conversationId':'g_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b'}")))
                .as("muted is required").isNotEmpty();
    }
}
