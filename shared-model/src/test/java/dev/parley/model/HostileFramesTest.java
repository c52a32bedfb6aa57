package dev.parley.model;

import dev.parley.model.v1.GetPresenceRequest;
import dev.parley.model.v1.MuteConversationRequest;
import dev.parley.model.v1.PingRequest;
import dev.parley.model.v1.RevokeDeviceRequest;
import dev.parley.model.v1.SendMessageRequest;
import dev.parley.model.v1.SyncRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Frames a buggy or hostile client sends: each is a BAD_REQUEST that says why, never anything else. */
class HostileFramesTest {
    private static final String GROUP = "g_0123456789abcdef0123456789abcdef";
    private final ProtocolCodec codec = ProtocolCodec.instance();

    private Frame.Error decodeRefusal(String text) {
        return catchThrowableOfType(ProtocolException.class, () -> codec.decodeRequest(text)).toFrame();
    }

    private <T> Frame.Error readRefusal(String text, Class<T> type) {
        Request request = codec.decodeRequest(text);
        return catchThrowableOfType(ProtocolException.class, () -> codec.read(request, type)).toFrame();
    }

    @Test
    void nesting_deeper_than_the_limit_is_refused_and_the_limit_itself_is_fine() {
        String atLimit = "{\"action\":\"ping\",\"requestId\":\"1\",\"x\":" + "[".repeat(Limits.MAX_JSON_DEPTH - 1)
                + "]".repeat(Limits.MAX_JSON_DEPTH - 1) + "}";
        assertThat(codec.decodeRequest(atLimit).action()).isEqualTo("ping");

        Frame.Error deep = decodeRefusal("{\"action\":\"ping\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
        assertThat(deep.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(deep.message()).contains("deeper than " + Limits.MAX_JSON_DEPTH);
    }

    @Test
    void an_unreadable_frame_is_answered_with_its_request_id_when_that_came_before_the_failure() {
        assertThat(decodeRefusal("{\"action\":\"ping\",\"requestId\":\"r7\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}")
                .requestId()).isEqualTo("r7");
        assertThat(decodeRefusal("{\"requestId\":\"r8\",\"text\":1,\"text\":2}").requestId()).isEqualTo("r8");
        assertThat(decodeRefusal("{\"x\":" + "[".repeat(100) + "]".repeat(100) + ",\"requestId\":\"r9\"}").requestId()).isNull();
        assertThat(decodeRefusal("{\"requestId\":\"\\u0000\",\"x\":" + "9".repeat(99) + "}").requestId()).isNull();
        assertThat(decodeRefusal("{\"requestId\":\"r10\",").requestId()).isEqualTo("r10");
    }

    @Test
    void a_number_with_more_digits_than_the_limit_is_refused() {
        assertThat(decodeRefusal("{\"action\":\"history\",\"limit\":" + "9".repeat(300) + "}").message())
                .contains("longer than " + Limits.MAX_NUMBER_DIGITS + " digits");
        assertThat(decodeRefusal("{\"action\":\"history\",\"limit\":1." + "5".repeat(300) + "}").code())
                .isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codec.decodeRequest("{\"action\":\"history\",\"limit\":-9223372036854775808}").action()).isEqualTo("history");
    }

    @Test
    void a_field_named_twice_is_refused_at_any_depth() {
        assertThat(decodeRefusal("{\"action\":\"ping\",\"action\":\"sync\"}").message()).contains("same field twice");
        assertThat(decodeRefusal("{\"action\":\"sync\",\"cursors\":{\"" + GROUP + "\":1,\"" + GROUP + "\":2}}").code())
                .isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void escaped_control_characters_are_refused_in_every_string_but_tab_and_newlines_pass() {
        Frame.Error nul = decodeRefusal("{\"action\":\"sendMessage\",\"requestId\":\"r\",\"text\":\"a\\u0000b\"}");
        assertThat(nul.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(nul.requestId()).isEqualTo("r");
        assertThat(nul.message()).contains("\"text\"").contains("\\u0000");
        assertThat(decodeRefusal("{\"action\":\"ping\",\"extra\":[{\"k\":\"\\u001b[31m\"}]}").message()).contains("extra[0].k");
        assertThat(decodeRefusal("{\"action\":\"ping\",\"\\u0007\":1}").message()).contains("field name");
        assertThat(codec.decodeRequest("{\"action\":\"sendMessage\",\"text\":\"line\\n\\ttab\\r\\n\"}").body().get("text").asText())
                .isEqualTo("line\n\ttab\r\n");
    }

    @Test
    void a_lone_surrogate_is_refused_in_any_string_field_and_a_pair_is_fine() {
        assertThat(decodeRefusal("{\"action\":\"sendMessage\",\"requestId\":\"r\",\"text\":\"\\ud800\"}").message())
                .contains("\"text\"").contains("lone surrogate");
        assertThat(decodeRefusal("{\"action\":\"sendMessage\",\"text\":\"x\\udc00y\"}").code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(decodeRefusal("{\"action\":\"\\ud83d\"}").code()).isEqualTo(ErrorCode.BAD_REQUEST);
        Frame.Error inRequestId = decodeRefusal("{\"action\":\"ping\",\"requestId\":\"\\ud800\"}");
        assertThat(inRequestId.requestId()).isNull();
        assertThat(codec.decodeRequest("{\"action\":\"sendMessage\",\"text\":\"\\ud83d\\ude00\"}").body().get("text").asText())
                .isEqualTo("\uD83D\uDE00");
    }

    @Test
    void an_unknown_field_is_ignored_whatever_its_name_or_value() {
        Request request = codec.decodeRequest("{\"action\":\"ping\",\"requestId\":\"1\",\"conversationId\":\"nope\",\"zz\":{\"a\":[1,2]}}");
        assertThat(codec.read(request, PingRequest.class)).isEqualTo(new PingRequest());
    }

    @Test
    void a_malformed_id_is_refused_by_the_field_that_holds_it_in_every_action() {
        assertThat(readRefusal("{\"action\":\"muteConversation\",\"requestId\":\"m\",\"conversationId\":\"g_123\",\"muted\":true}",
                MuteConversationRequest.class).message()).contains("conversationId");
        assertThat(readRefusal("{\"action\":\"revokeDevice\",\"deviceId\":\"" + "a".repeat(65) + "\"}", RevokeDeviceRequest.class)
                .message()).contains("deviceId");
        assertThat(readRefusal("{\"action\":\"revokeDevice\",\"deviceId\":\"a b/../c\"}", RevokeDeviceRequest.class).code())
                .isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(readRefusal("{\"action\":\"getPresence\",\"userIds\":[\"ok\",\"not ok\"]}", GetPresenceRequest.class).message())
                .contains("userIds[1]");
        assertThat(readRefusal("{\"action\":\"sync\",\"cursors\":{\"d_1\":3}}", SyncRequest.class).message()).contains("cursors");
        assertThat(readRefusal("{\"action\":\"sendMessage\",\"conversationId\":\"" + GROUP + "\",\"clientMessageId\":\"c\","
                + "\"text\":\"hi\",\"media\":[\"m_x\"]}", SendMessageRequest.class).message()).contains("media[0]");
    }

    @Test
    void well_formed_ids_pass_for_the_use_case_to_look_up() {
        Request request = codec.decodeRequest("{\"action\":\"revokeDevice\",\"deviceId\":\"phone-7f3a\"}");
        assertThat(codec.read(request, RevokeDeviceRequest.class)).isEqualTo(new RevokeDeviceRequest("phone-7f3a"));
    }
}
