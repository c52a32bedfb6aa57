package dev.parley.it;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.ErrorCode;
import dev.parley.model.Frame;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames a buggy or hostile client sends, over a real socket: each class of bad input is a
 * documented client error (BAD_REQUEST, or NOT_FOUND for a well-formed unknown id), never
 * INTERNAL, and the connection survives it: a ping after each still gets its reply.
 */
class HostileInputTest extends WithThreeUsers {
    private static final AtomicInteger IDS = new AtomicInteger();

    /** Sends {@code fields} as one raw frame of {@code action} and returns the answer to it. */
    private static Frame answer(Device device, String action, String fields) {
        String requestId = "hostile-" + IDS.incrementAndGet();
        device.socket().send("{\"action\":\"" + action + "\",\"requestId\":\"" + requestId + "\"" + fields + "}");
        return device.socket().answerTo(requestId, Device.WAIT);
    }

    private static Frame.Error refusedRaw(Device device, String action, String fields, ErrorCode expected) {
        Frame answer = answer(device, action, fields);
        assertThat(answer).as(action + fields.substring(0, Math.min(fields.length(), 120))).isInstanceOfSatisfying(Frame.Error.class,
                error -> assertThat(error.code()).as(error.message()).isEqualTo(expected));
        device.assertAlive();
        return (Frame.Error) answer;
    }

    @Test
    void parser_limits_duplicate_keys_control_characters_and_lone_surrogates_are_BAD_REQUEST_and_the_socket_survives() {
        try (Device a = Device.connect(alice)) {
            String id = a.createGroup("hostile", false, bob.userId()).conversationId();
            String send = ",\"conversationId\":\"" + id + "\",\"clientMessageId\":\"" + Device.uniqueId("m") + "\"";

            String deep = "[".repeat(5000) + "]".repeat(5000);
            assertThat(refusedRaw(a, Actions.PING, ",\"deep\":" + deep, ErrorCode.BAD_REQUEST).message())
                    .contains(String.valueOf(Limits.MAX_JSON_DEPTH));
            assertThat(refusedRaw(a, Actions.HISTORY, ",\"conversationId\":\"" + id + "\",\"limit\":" + "9".repeat(300),
                    ErrorCode.BAD_REQUEST).message()).contains(Limits.MAX_NUMBER_DIGITS + " digits");
            refusedRaw(a, Actions.PING, ",\"n\":1e" + "9".repeat(200), ErrorCode.BAD_REQUEST);
            assertThat(refusedRaw(a, Actions.SEND_MESSAGE, send + ",\"text\":\"one\",\"text\":\"two\"", ErrorCode.BAD_REQUEST)
                    .message()).contains("twice");
            assertThat(refusedRaw(a, Actions.SEND_MESSAGE, send + ",\"text\":\"a\\u0000b\"", ErrorCode.BAD_REQUEST).message())
                    .contains("control character");
            refusedRaw(a, Actions.GET_CONVERSATION, ",\"conversationId\":\"" + id + "\",\"note\":\"\\u001b[2J\"", ErrorCode.BAD_REQUEST);
            assertThat(refusedRaw(a, Actions.SEND_MESSAGE, send + ",\"text\":\"\\ud800\"", ErrorCode.BAD_REQUEST).message())
                    .contains("lone surrogate");
            refusedRaw(a, Actions.CREATE_CONVERSATION, ",\"kind\":\"group\",\"members\":[],\"title\":\"x\\udc00\"", ErrorCode.BAD_REQUEST);

            assertThat(a.lastSeq(id)).as("nothing was stored").isZero();
            a.socket().assertWithinContract();
        }
    }

    @Test
    void unknown_fields_are_ignored_in_every_kind_of_action() {
        try (Device a = Device.connect(alice)) {
            String id = a.createGroup("unknown fields", false, bob.userId()).conversationId();
            String unknown = ",\"zzz\":{\"nested\":[1,\"two\",null]},\"type\":\"reply\",\"userId\":\"mallory\"";

            assertThat(answer(a, Actions.PING, unknown)).isInstanceOf(Frame.Reply.class);
            assertThat(answer(a, Actions.SEND_MESSAGE, ",\"conversationId\":\"" + id + "\",\"clientMessageId\":\""
                    + Device.uniqueId("m") + "\",\"text\":\"hi\"" + unknown)).isInstanceOf(Frame.Reply.class);
            assertThat(answer(a, Actions.GET_CONVERSATION, ",\"conversationId\":\"" + id + "\"" + unknown)).isInstanceOf(Frame.Reply.class);
            assertThat(answer(a, Actions.LIST_DEVICES, unknown)).isInstanceOf(Frame.Reply.class);
            assertThat(answer(a, Actions.SYNC, unknown)).isInstanceOf(Frame.Reply.class);
            assertThat(answer(a, Actions.GET_SETTINGS, unknown)).isInstanceOf(Frame.Reply.class);
            assertThat(answer(a, Actions.MUTE_CONVERSATION, ",\"conversationId\":\"" + id + "\",\"muted\":false" + unknown))
                    .isInstanceOf(Frame.Reply.class);
            a.assertAlive();
            a.socket().assertWithinContract();
        }
    }

    @Test
    void a_malformed_id_is_BAD_REQUEST_in_every_action_and_a_well_formed_unknown_one_NOT_FOUND() {
        try (Device a = Device.connect(alice)) {
            String id = a.createGroup("ids", false, bob.userId()).conversationId();
            String unknownGroup = "g_" + UUID.randomUUID().toString().replace("-", "");

            refusedRaw(a, Actions.MUTE_CONVERSATION, ",\"conversationId\":\"g_123\",\"muted\":true", ErrorCode.BAD_REQUEST);
            refusedRaw(a, Actions.MUTE_CONVERSATION, ",\"conversationId\":\"" + unknownGroup + "\",\"muted\":true", ErrorCode.NOT_FOUND);
            assertThat(refusedRaw(a, Actions.REVOKE_DEVICE, ",\"deviceId\":\"" + "a".repeat(65) + "\"", ErrorCode.BAD_REQUEST).message())
                    .contains("deviceId");
            refusedRaw(a, Actions.REVOKE_DEVICE, ",\"deviceId\":\"a b/../c\"", ErrorCode.BAD_REQUEST);
            refusedRaw(a, Actions.REVOKE_DEVICE, ",\"deviceId\":\"" + "a".repeat(64) + "\"", ErrorCode.NOT_FOUND);
            refusedRaw(a, Actions.TYPING, ",\"conversationId\":\"G_" + unknownGroup.substring(2) + "\",\"state\":\"typing\"",
                    ErrorCode.BAD_REQUEST);
            refusedRaw(a, Actions.MARK_READ, ",\"conversationId\":\"../" + id + "\",\"upToSeq\":1", ErrorCode.BAD_REQUEST);
            refusedRaw(a, Actions.GET_MEDIA_URL, ",\"conversationId\":\"" + id + "\",\"mediaId\":\"m_../../x\"", ErrorCode.BAD_REQUEST);
            refusedRaw(a, Actions.GET_MEDIA_URL, ",\"conversationId\":\"" + id + "\",\"mediaId\":\"m_" + "a".repeat(26) + "\"",
                    ErrorCode.NOT_FOUND);
            refusedRaw(a, Actions.GET_PRESENCE, ",\"userIds\":[\"" + bob.userId() + "\",\"a b\"]", ErrorCode.BAD_REQUEST);
            refusedRaw(a, Actions.SYNC, ",\"cursors\":{\"d_1\":0}", ErrorCode.BAD_REQUEST);
            refusedRaw(a, Actions.SEND_MESSAGE, ",\"conversationId\":\"" + id + "\",\"clientMessageId\":\"has space\",\"text\":\"x\"",
                    ErrorCode.BAD_REQUEST);
            ObjectNode addMalformed = JsonNodeFactory.instance.objectNode().put("conversationId", id);
            addMalformed.putArray("userIds").add("not/a/user");
            a.refused(Actions.ADD_MEMBERS, addMalformed, ErrorCode.BAD_REQUEST);
            a.assertAlive();
            a.socket().assertWithinContract();
        }
    }
}
