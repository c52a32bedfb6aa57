package dev.parley.it;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.ErrorCode;
import dev.parley.model.Frame;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.HistoryRequest;
import dev.parley.model.v1.MarkRequest;
import dev.parley.model.v1.SyncRequest;
import dev.parley.model.v1.TypingRequest;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to the actions of sync, receipts, typing and presence gets the errors
 * docs/protocol/sync.md and docs/protocol/live.md document, and the connection survives each.
 */
class SyncRefusedRequestsTest extends WithThreeUsers {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static String unknownGroupId() {
        return "g_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Sends each request and expects the error code, checking after each that the connection still works. */
    private static void allRefused(Device device, String action, Map<String, ObjectNode> requests, ErrorCode expected) {
        requests.forEach((what, fields) -> {
            Frame answer = device.answer(device.submit(action, fields));
            assertThat(answer).as(action + ": " + what).isInstanceOfSatisfying(Frame.Error.class,
                    error -> assertThat(error.code()).as(action + ": " + what + ": " + error.message()).isEqualTo(expected));
            device.assertAlive();
        });
    }

    @Test
    void a_sync_cursor_past_the_conversations_last_seq_gets_BAD_REQUEST_naming_the_conversation() {
        try (Device a = Device.connect(alice)) {
            String id = a.createGroup("cursor too far", false, bob.userId()).conversationId();
            a.send(id, Device.uniqueId("m"), "one");

            Frame.Error error = a.refused(Actions.SYNC, new SyncRequest(Map.of(id, 57L), null, null), ErrorCode.BAD_REQUEST);

            assertThat(error.message()).contains(id).contains("57");
            a.assertAlive();
        }
    }

    @Test
    void history_receipts_and_typing_on_an_unknown_conversation_or_one_the_caller_is_not_in_get_the_same_NOT_FOUND() {
        try (Device a = Device.connect(alice); Device outsider = Device.connect(carol)) {
            String id = a.createGroup("not yours", false, bob.userId()).conversationId();
            a.send(id, Device.uniqueId("m"), "private");
            String unknown = unknownGroupId();

            for (String conversationId : new String[] {id, unknown}) {
                Frame.Error history = outsider.refused(Actions.HISTORY, new HistoryRequest(conversationId, null, null), ErrorCode.NOT_FOUND);
                Frame.Error read = outsider.refused(Actions.MARK_READ, new MarkRequest(conversationId, 1L), ErrorCode.NOT_FOUND);
                outsider.refused(Actions.MARK_DELIVERED, new MarkRequest(conversationId, 1L), ErrorCode.NOT_FOUND);
                outsider.refused(Actions.TYPING, new TypingRequest(conversationId, "typing"), ErrorCode.NOT_FOUND);
                assertThat(read.message().replace(conversationId, "{id}")).isEqualTo(history.message().replace(conversationId, "{id}"));
            }
            Frame.Error known = outsider.refused(Actions.HISTORY, new HistoryRequest(id, null, null), ErrorCode.NOT_FOUND);
            Frame.Error never = outsider.refused(Actions.HISTORY, new HistoryRequest(unknown, null, null), ErrorCode.NOT_FOUND);
            assertThat(known.message().replace(id, "{id}")).as("a non-member cannot tell the two apart")
                    .isEqualTo(never.message().replace(unknown, "{id}"));
            outsider.assertAlive();
        }
    }

    @Test
    void malformed_sync_requests_get_BAD_REQUEST() {
        try (Device a = Device.connect(alice)) {
            String id = a.createGroup("malformed sync", false, bob.userId()).conversationId();
            Map<String, ObjectNode> malformed = new LinkedHashMap<>();
            malformed.put("limit 0", JSON.objectNode().put("limit", 0));
            malformed.put("limit over 100", JSON.objectNode().put("limit", Limits.MAX_HISTORY_PAGE + 1));
            malformed.put("a negative cursor", cursors(JSON.objectNode().put(id, -1)));
            malformed.put("a cursor that is not a number", cursors(JSON.objectNode().put(id, "five")));
            malformed.put("a fractional cursor", cursors(JSON.objectNode().put(id, 1.5)));
            malformed.put("a malformed conversation id among the cursors", cursors(JSON.objectNode().put("conv-1", 0)));
            ObjectNode listOfCursors = JSON.objectNode();
            listOfCursors.putArray("cursors").add(id);
            malformed.put("cursors that are a list", listOfCursors);
            malformed.put("a since the server did not issue", JSON.objectNode().put("since", "yesterday"));
            malformed.put("a since that is a number", JSON.objectNode().put("since", 1767225600000L));
            allRefused(a, Actions.SYNC, malformed, ErrorCode.BAD_REQUEST);
        }
    }

    private static ObjectNode cursors(ObjectNode cursors) {
        ObjectNode request = JSON.objectNode();
        request.set("cursors", cursors);
        return request;
    }

    @Test
    void malformed_history_mark_and_typing_requests_get_BAD_REQUEST_and_a_mark_past_the_last_seq_too() {
        try (Device a = Device.connect(alice)) {
            String id = a.createGroup("malformed", false, bob.userId()).conversationId();
            a.send(id, Device.uniqueId("m"), "one");
            a.send(id, Device.uniqueId("m"), "two");

            allRefused(a, Actions.HISTORY, Map.of(
                    "beforeSeq 0", JSON.objectNode().put("conversationId", id).put("beforeSeq", 0),
                    "limit 0", JSON.objectNode().put("conversationId", id).put("limit", 0),
                    "limit over 100", JSON.objectNode().put("conversationId", id).put("limit", Limits.MAX_HISTORY_PAGE + 1),
                    "no conversationId", JSON.objectNode(),
                    "a malformed conversationId", JSON.objectNode().put("conversationId", "g_1")), ErrorCode.BAD_REQUEST);
            for (String action : new String[] {Actions.MARK_READ, Actions.MARK_DELIVERED}) {
                allRefused(a, action, Map.of(
                        "upToSeq past the last seq", JSON.objectNode().put("conversationId", id).put("upToSeq", 3),
                        "upToSeq 0", JSON.objectNode().put("conversationId", id).put("upToSeq", 0),
                        "no upToSeq", JSON.objectNode().put("conversationId", id),
                        "upToSeq as a string", JSON.objectNode().put("conversationId", id).put("upToSeq", "2")), ErrorCode.BAD_REQUEST);
            }
            allRefused(a, Actions.TYPING, Map.of(
                    "an unknown state", JSON.objectNode().put("conversationId", id).put("state", "dancing"),
                    "no state", JSON.objectNode().put("conversationId", id)), ErrorCode.BAD_REQUEST);
            assertThat(a.get(id).conversation().unreadCount()).as("no refused mark moved a cursor").isZero();
        }
    }

    @Test
    void malformed_presence_and_settings_requests_get_BAD_REQUEST() {
        try (Device a = Device.connect(alice)) {
            ObjectNode tooMany = JSON.objectNode();
            var ids = tooMany.putArray("userIds");
            IntStream.rangeClosed(0, Limits.MAX_PRESENCE_USERS).forEach(i -> ids.add(UUID.randomUUID().toString()));
            ObjectNode empty = JSON.objectNode();
            empty.putArray("userIds");
            allRefused(a, Actions.GET_PRESENCE, Map.of(
                    "51 user ids", tooMany,
                    "no user ids", empty,
                    "no userIds field", JSON.objectNode()), ErrorCode.BAD_REQUEST);
            allRefused(a, Actions.UPDATE_SETTINGS, Map.of(
                    "presenceVisible as a string", JSON.objectNode().put("presenceVisible", "no")), ErrorCode.BAD_REQUEST);
        }
    }

    /** carol is the typist here and in no other test, so that her used-up minute disturbs nothing. */
    @Test
    void more_than_60_typing_requests_a_minute_get_RATE_LIMITED() {
        try (Device c = Device.connect(carol)) {
            String id = c.createGroup("fast typist", false, alice.userId()).conversationId();
            // The limit counts per calendar minute: a run that straddles a minute's end fills two
            // windows, so the refusal comes within two windows' worth plus one, never later.
            // The exact count per window is pinned with an injected clock in SendTypingTest.
            int most = 2 * Limits.TYPING_PER_MINUTE + 1;
            boolean limited = false;
            for (int i = 0; i < most && !limited; i++) {
                Frame answer = c.answer(c.submit(Actions.TYPING, new TypingRequest(id, "typing")));
                limited = answer instanceof Frame.Error error && error.code() == ErrorCode.RATE_LIMITED;
            }
            assertThat(limited).as("refused within " + most + " requests").isTrue();
            c.assertAlive();
        }
    }
}
