package dev.parley.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.SendMessageReply;
import dev.parley.model.v1.SendMessageRequest;
import dev.parley.model.v1.SyncRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActionRecordsTest {
    private final ProtocolCodec codec = ProtocolCodec.instance();

    @Test
    void a_send_request_reads_its_fields_and_ignores_the_envelope() {
        Request request = codec.decodeRequest("""
                {"action":"sendMessage","requestId":"r1","conversationId":"d_0123456789abcdef0123456789abcdef","clientMessageId":"m-1","text":"hi","replyToSeq":3}""");

        SendMessageRequest send = codec.read(request, SendMessageRequest.class);

        assertThat(send).isEqualTo(new SendMessageRequest("d_0123456789abcdef0123456789abcdef", "m-1", "hi", null, null, 3L, null));
    }

    @Test
    void a_field_of_the_wrong_type_is_a_bad_request_naming_the_field() {
        Request request = codec.decodeRequest("{\"action\":\"sendMessage\",\"requestId\":\"r2\",\"replyToSeq\":\"three\"}");

        assertThatThrownBy(() -> codec.read(request, SendMessageRequest.class))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.toFrame().code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.toFrame().requestId()).isEqualTo("r2");
                    assertThat(e.toFrame().message()).contains("replyToSeq");
                });
    }

    @Test
    void a_number_is_not_silently_taken_as_a_text_body() {
        Request request = codec.decodeRequest("{\"action\":\"sendMessage\",\"text\":42}");

        assertThatThrownBy(() -> codec.read(request, SendMessageRequest.class))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.toFrame().message()).contains("text"));
    }

    @Test
    void a_fractional_seq_is_refused_not_rounded_even_inside_a_cursor_map() {
        Request send = codec.decodeRequest("{\"action\":\"sendMessage\",\"requestId\":\"r3\",\"replyToSeq\":1.5}");
        Request sync = codec.decodeRequest("{\"action\":\"sync\",\"requestId\":\"r4\",\"cursors\":{\"d_1\":2.5}}");

        assertThatThrownBy(() -> codec.read(send, SendMessageRequest.class))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.toFrame().message()).contains("replyToSeq"));
        assertThatThrownBy(() -> codec.read(sync, SyncRequest.class))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.toFrame().code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @Test
    void replies_and_events_leave_out_absent_optional_fields() throws Exception {
        JsonNode reply = codec.mapper().readTree(codec.encode(codec.reply("r3", new SendMessageReply("d_1", 7, 1000))));
        JsonNode event = codec.mapper().readTree(codec.encode(codec.event("message",
                new MessageEvent("d_1", 7, "u1", "phone", 1000, "m-1", "hi", null, null, null, null))));

        assertThat(reply.path("seq").asLong()).isEqualTo(7);
        assertThat(reply.path("type").asText()).isEqualTo("reply");
        assertThat(event.path("type").asText()).isEqualTo("message");
        assertThat(event.has("ciphertext")).isFalse();
        assertThat(event.has("replyToSeq")).isFalse();
        assertThat(event.path("text").asText()).isEqualTo("hi");
    }

    @Test
    void a_summary_without_a_title_has_no_title_field() throws Exception {
        JsonNode json = codec.mapper().valueToTree(new ConversationSummary("g_1", "group", null, false, 3, 0, 5, 0, "admin"));
        assertThat(json.has("title")).isFalse();
        assertThat(json.path("memberCount").asInt()).isEqualTo(3);
        assertThat(json.path("tier").asText()).isEqualTo("small");
    }
}
