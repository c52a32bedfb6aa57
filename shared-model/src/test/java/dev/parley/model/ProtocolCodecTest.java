package dev.parley.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtocolCodecTest {
    private final ProtocolCodec codec = ProtocolCodec.instance();

    private static ErrorCode codeOf(Throwable t) {
        return ((ProtocolException) t).toFrame().code();
    }

    @Test
    void a_request_keeps_its_action_request_id_and_fields() {
        Request request = codec.decodeRequest("{\"action\":\"sendMessage\",\"requestId\":\"r1\",\"text\":\"hi\"}");

        assertThat(request.action()).isEqualTo("sendMessage");
        assertThat(request.requestId()).isEqualTo("r1");
        assertThat(request.body().path("text").asText()).isEqualTo("hi");
    }

    @Test
    void malformed_json_is_a_bad_request_that_says_where() {
        assertThatThrownBy(() -> codec.decodeRequest("{\"action\": "))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageContaining("not valid JSON").hasMessageContaining("column");
    }

    @Test
    void a_json_array_or_scalar_is_a_bad_request() {
        for (String text : new String[]{"[1,2]", "42", "\"x\"", "null"}) {
            assertThatThrownBy(() -> codec.decodeRequest(text))
                    .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BAD_REQUEST));
        }
    }

    @Test
    void a_missing_action_is_a_bad_request_that_still_echoes_the_request_id() {
        assertThatThrownBy(() -> codec.decodeRequest("{\"requestId\":\"r9\"}"))
                .satisfies(e -> {
                    Frame.Error frame = ((ProtocolException) e).toFrame();
                    assertThat(frame.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(frame.requestId()).isEqualTo("r9");
                });
    }

    @Test
    void a_non_string_action_or_request_id_is_a_bad_request() {
        assertThatThrownBy(() -> codec.decodeRequest("{\"action\":7}"))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> codec.decodeRequest("{\"action\":\"a\",\"requestId\":{}}"))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @Test
    void an_oversize_frame_is_refused_before_parsing() {
        String big = "{\"action\":\"a\",\"pad\":\"" + "x".repeat(Limits.MAX_MESSAGE_BYTES) + "\"}";
        assertThatThrownBy(() -> codec.decodeRequest(big))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
    }

    @Test
    void an_error_frame_has_type_request_id_code_and_message() throws Exception {
        String text = codec.encode(new Frame.Error("1", ErrorCode.UNKNOWN_ACTION, "Unknown action \"nope\"."));
        JsonNode json = codec.mapper().readTree(text);

        assertThat(json.path("type").asText()).isEqualTo("error");
        assertThat(json.path("requestId").asText()).isEqualTo("1");
        assertThat(json.path("code").asText()).isEqualTo("UNKNOWN_ACTION");
        assertThat(json.path("message").asText()).contains("nope");
    }

    @Test
    void an_error_without_a_known_request_id_leaves_the_field_out() throws Exception {
        JsonNode json = codec.mapper().readTree(codec.encode(new Frame.Error(null, ErrorCode.BAD_REQUEST, "x")));
        assertThat(json.has("requestId")).isFalse();
    }

    @Test
    void a_reply_writes_its_payload_beside_type_and_request_id_and_cannot_be_overridden_by_it() throws Exception {
        ObjectNode payload = codec.mapper().createObjectNode().put("seq", 3).put("type", "sneaky");
        JsonNode json = codec.mapper().readTree(codec.encode(new Frame.Reply("r2", payload)));

        assertThat(json.path("type").asText()).isEqualTo("reply");
        assertThat(json.path("requestId").asText()).isEqualTo("r2");
        assertThat(json.path("seq").asInt()).isEqualTo(3);
    }

    @Test
    void frames_round_trip_through_encode_and_decode() {
        ObjectNode payload = codec.mapper().createObjectNode().put("conversationId", "c1");
        Frame event = new Frame.Event("message", payload);
        Frame error = new Frame.Error("7", ErrorCode.FORBIDDEN, "not a member");

        assertThat(codec.decodeFrame(codec.encode(event))).isEqualTo(event);
        assertThat(codec.decodeFrame(codec.encode(error))).isEqualTo(error);
    }

    @Test
    void every_error_code_states_whose_fault_it_is() {
        assertThat(ErrorCode.RATE_LIMITED.retryable()).isTrue();
        assertThat(ErrorCode.BAD_REQUEST.retryable()).isFalse();
        assertThat(ErrorCode.INTERNAL.fault()).isEqualTo(ErrorCode.Fault.SERVER);
        assertThat(ErrorCode.UNKNOWN_ACTION.fault()).isEqualTo(ErrorCode.Fault.CLIENT);
    }
}
