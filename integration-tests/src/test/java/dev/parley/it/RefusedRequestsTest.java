package dev.parley.it;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.ErrorCode;
import dev.parley.model.Frame;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ConversationEvent;
import dev.parley.model.v1.ConversationReply;
import dev.parley.model.v1.GetConversationRequest;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.RemoveMembersRequest;
import dev.parley.model.v1.SendMessageReply;
import dev.parley.model.v1.SendMessageRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each refused request gets its documented error code (docs/protocol.md), and the connection
 * that sent it keeps working: after every refusal the device pings and gets its reply.
 */
class RefusedRequestsTest extends WithThreeUsers {
    private static SendMessageRequest text(String conversationId, String body) {
        return new SendMessageRequest(conversationId, Device.uniqueId("m"), body, null, null, null, null);
    }

    private static String unknownGroupId() {
        return "g_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void a_non_member_gets_NOT_FOUND_worded_exactly_like_an_unknown_conversation_and_receives_nothing() {
        try (Device a = Device.connect(alice); Device outsider = Device.connect(carol)) {
            String id = a.createGroup("members only", false, bob.userId()).conversationId();
            String unknown = unknownGroupId();

            Frame.Error sendRefused = outsider.refused(Actions.SEND_MESSAGE, text(id, "let me in"), ErrorCode.NOT_FOUND);
            Frame.Error getRefused = outsider.refused(Actions.GET_CONVERSATION, new GetConversationRequest(id), ErrorCode.NOT_FOUND);
            Frame.Error unknownRefused = outsider.refused(Actions.GET_CONVERSATION, new GetConversationRequest(unknown), ErrorCode.NOT_FOUND);

            assertThat(getRefused.message().replace(id, "{id}"))
                    .as("a non-member cannot tell a conversation that exists from one that does not")
                    .isEqualTo(unknownRefused.message().replace(unknown, "{id}"));
            assertThat(sendRefused.message().replace(id, "{id}")).isEqualTo(getRefused.message().replace(id, "{id}"));
            outsider.assertAlive();

            long seq = a.send(id, Device.uniqueId("m"), "members only").seq();
            assertThat(seq).as("the refused send stored nothing").isEqualTo(1);
            assertThat(outsider.messagesBeforeMarker(id)).isEmpty();
        }
    }

    @Test
    void a_removed_member_is_told_on_every_device_stops_receiving_at_once_and_then_gets_NOT_FOUND() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob);
             Device carolPhone = Device.connect(carol); Device carolLaptop = Device.connect(carol)) {
            String id = a.createGroup("removal", false, bob.userId(), carol.userId()).conversationId();
            long before = a.send(id, Device.uniqueId("m"), "before").seq();
            carolPhone.awaitMessage(id, before);
            carolLaptop.awaitMessage(id, before);

            ConversationReply removed = a.call(Actions.REMOVE_MEMBERS, new RemoveMembersRequest(id, List.of(carol.userId())),
                    ConversationReply.class);
            assertThat(removed.conversation().memberCount()).isEqualTo(2);

            for (Device device : List.of(carolPhone, carolLaptop)) {
                ConversationEvent told = device.awaitConversationEvent(id, "removed");
                assertThat(told.by()).isEqualTo(alice.userId());
            }
            ConversationEvent remaining = b.awaitConversationEvent(id, "membersRemoved");
            assertThat(remaining.members()).containsExactly(carol.userId());

            long after = a.send(id, Device.uniqueId("m"), "after").seq();
            assertThat(b.awaitMessage(id, after).text()).isEqualTo("after");
            assertThat(carolPhone.messagesBeforeMarker(id)).as("carol's phone gets nothing after the removal").isEmpty();
            assertThat(carolLaptop.messagesBeforeMarker(id)).isEmpty();

            carolPhone.refused(Actions.SEND_MESSAGE, text(id, "still here?"), ErrorCode.NOT_FOUND);
            carolPhone.refused(Actions.GET_CONVERSATION, new GetConversationRequest(id), ErrorCode.NOT_FOUND);
            carolPhone.assertAlive();
        }
    }

    @Test
    void a_body_over_16_KB_gets_PAYLOAD_TOO_LARGE_counted_in_UTF_8_bytes_and_one_at_the_limit_is_stored() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob)) {
            String id = a.createGroup("big bodies", false, bob.userId()).conversationId();

            a.refused(Actions.SEND_MESSAGE, text(id, "x".repeat(Limits.MAX_BODY_BYTES + 1)), ErrorCode.PAYLOAD_TOO_LARGE);
            String euros = "€".repeat(Limits.MAX_BODY_BYTES / 3 + 1);
            assertThat(euros.length()).isLessThan(Limits.MAX_BODY_BYTES);
            a.refused(Actions.SEND_MESSAGE, text(id, euros), ErrorCode.PAYLOAD_TOO_LARGE);
            a.assertAlive();

            SendMessageReply atLimit = a.call(Actions.SEND_MESSAGE, text(id, "y".repeat(Limits.MAX_BODY_BYTES)), SendMessageReply.class);
            assertThat(atLimit.seq()).as("the refused bodies stored nothing").isEqualTo(1);
            assertThat(b.awaitMessage(id, atLimit.seq()).text()).hasSize(Limits.MAX_BODY_BYTES);
        }
    }

    @Test
    void text_in_an_E2EE_conversation_gets_BAD_REQUEST_and_ciphertext_with_alg_goes_through_untouched() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob)) {
            String id = a.createGroup("sealed", true, bob.userId()).conversationId();

            Frame.Error error = a.refused(Actions.SEND_MESSAGE, text(id, "plaintext"), ErrorCode.BAD_REQUEST);
            assertThat(error.message()).containsIgnoringCase("text");
            a.assertAlive();

            SendMessageRequest sealed = new SendMessageRequest(id, Device.uniqueId("m"), null, "AwohBd3nQ2lwaGVy", "signal-v1", null, null);
            SendMessageReply sent = a.call(Actions.SEND_MESSAGE, sealed, SendMessageReply.class);
            assertThat(sent.seq()).isEqualTo(1);
            MessageEvent atBob = b.awaitMessage(id, sent.seq());
            assertThat(atBob.ciphertext()).isEqualTo("AwohBd3nQ2lwaGVy");
            assertThat(atBob.alg()).isEqualTo("signal-v1");
            assertThat(atBob.text()).isNull();
        }
    }

    @Test
    void ciphertext_in_a_conversation_without_E2EE_gets_BAD_REQUEST() {
        try (Device a = Device.connect(alice)) {
            String id = a.createGroup("plain", false, bob.userId()).conversationId();
            a.refused(Actions.SEND_MESSAGE, new SendMessageRequest(id, Device.uniqueId("m"), null, "AAAA", "signal-v1", null, null),
                    ErrorCode.BAD_REQUEST);
            a.assertAlive();
        }
    }

    @Test
    void malformed_send_requests_get_BAD_REQUEST_and_the_connection_survives_each() {
        try (Device a = Device.connect(alice)) {
            String id = a.createGroup("malformed", false, bob.userId()).conversationId();
            JsonNodeFactory json = JsonNodeFactory.instance;
            Map<String, ObjectNode> malformed = Map.of(
                    "no clientMessageId", json.objectNode().put("conversationId", id).put("text", "x"),
                    "a clientMessageId with a space", json.objectNode().put("conversationId", id)
                            .put("clientMessageId", "has space").put("text", "x"),
                    "a clientMessageId over 64 characters", json.objectNode().put("conversationId", id)
                            .put("clientMessageId", "a".repeat(65)).put("text", "x"),
                    "a numeric conversationId", json.objectNode().put("conversationId", 42)
                            .put("clientMessageId", Device.uniqueId("m")).put("text", "x"),
                    "no conversationId", json.objectNode().put("clientMessageId", Device.uniqueId("m")).put("text", "x"),
                    "no body", json.objectNode().put("conversationId", id).put("clientMessageId", Device.uniqueId("m")),
                    "two bodies", json.objectNode().put("conversationId", id).put("clientMessageId", Device.uniqueId("m"))
                            .put("text", "x").put("ciphertext", "AAAA").put("alg", "signal-v1"),
                    "replyToSeq zero", json.objectNode().put("conversationId", id).put("clientMessageId", Device.uniqueId("m"))
                            .put("text", "x").put("replyToSeq", 0),
                    "replyToSeq beyond the last message", json.objectNode().put("conversationId", id)
                            .put("clientMessageId", Device.uniqueId("m")).put("text", "x").put("replyToSeq", 5));
            malformed.forEach((what, fields) -> {
                Frame answer = a.answer(a.submit(Actions.SEND_MESSAGE, fields));
                assertThat(answer).as(what).isInstanceOfSatisfying(Frame.Error.class,
                        error -> assertThat(error.code()).as(what + ": " + error.message()).isEqualTo(ErrorCode.BAD_REQUEST));
                a.assertAlive();
            });
            assertThat(a.lastSeq(id)).as("nothing was stored").isZero();
        }
    }

    @Test
    void a_frame_that_is_not_JSON_or_has_no_requestId_gets_BAD_REQUEST_and_the_connection_survives() {
        try (Device a = Device.connect(alice)) {
            for (String frame : List.of("{\"action\":\"sendMessage\",", "{\"action\":\"ping\"}")) {
                a.socket().send(frame);
                assertThat(a.socket().nextError(Device.WAIT)).as(frame).isInstanceOfSatisfying(Frame.Error.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(error.requestId()).isNull();
                });
                a.assertAlive();
            }
        }
    }

    @Test
    void a_conversation_id_of_the_wrong_format_gets_BAD_REQUEST_before_anything_is_looked_up() {
        try (Device a = Device.connect(alice)) {
            a.refused(Actions.GET_CONVERSATION, new GetConversationRequest("g_1"), ErrorCode.BAD_REQUEST);
            a.refused(Actions.SEND_MESSAGE, text("D_" + UUID.randomUUID().toString().replace("-", ""), "x"), ErrorCode.BAD_REQUEST);
            a.assertAlive();
        }
    }
}
