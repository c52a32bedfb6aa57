package dev.parley.functions.domain.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import dev.parley.functions.domain.delivery.PushPlatform;

import static org.assertj.core.api.Assertions.assertThat;

class PushPayloadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PushJob job(boolean e2ee, String text) {
        return new PushJob("c-1", 42, "bob", "bob-phone", "bob", 1_700_000_000_000L, e2ee, text,
                List.of());
    }

    private static JsonNode apns(PushJob job, long unread, boolean preview) throws Exception {
        PushNotification push = PushPayloads.of(job, PushPlatform.APNS, unread, preview);
        assertThat(push.collapseId()).isEqualTo("c-1");
        return JSON.readTree(push.payload());
    }

    @Test
    void an_apns_preview_shows_sender_and_text_with_badge_thread_and_mutable_content() throws Exception {
        JsonNode payload = apns(job(false, "lunch at noon?"), 7, true);

        assertThat(payload.at("/aps/alert/title").asText()).isEqualTo("bob");
        assertThat(payload.at("/aps/alert/body").asText()).isEqualTo("lunch at noon?");
        assertThat(payload.at("/aps/badge").asLong()).isEqualTo(7);
        assertThat(payload.at("/aps/mutable-content").asInt()).isEqualTo(1);
        assertThat(payload.at("/aps/thread-id").asText()).isEqualTo("c-1");
        assertThat(payload.get("conversationId").asText()).isEqualTo("c-1");
        assertThat(payload.get("seq").asLong()).isEqualTo(42);
    }

    @Test
    void an_e2ee_conversation_gets_a_generic_alert_without_text_even_with_preview_on() throws Exception {
        PushJob job = new PushJob("c-1", 42, "bob", "bob-phone", "bob", 1L, true, "secret", List.of());

        JsonNode payload = apns(job, 1, true);

        assertThat(job.text()).isNull();
        assertThat(payload.at("/aps/alert/title").asText()).isEqualTo(PushPayloads.GENERIC_TITLE);
        assertThat(payload.at("/aps/alert").has("body")).isFalse();
        assertThat(payload.toString()).doesNotContain("secret").doesNotContain("\"bob\"");
    }

    @Test
    void preview_off_hides_sender_and_text() throws Exception {
        JsonNode payload = apns(job(false, "lunch at noon?"), 1, false);

        assertThat(payload.at("/aps/alert/title").asText()).isEqualTo(PushPayloads.GENERIC_TITLE);
        assertThat(payload.toString()).doesNotContain("lunch");
    }

    @Test
    void a_16_kb_text_is_cut_to_fit_apns_4096_bytes_and_ends_with_an_ellipsis() throws Exception {
        String text = "x".repeat(16 * 1024);

        PushNotification push = PushPayloads.of(job(false, text), PushPlatform.APNS_SANDBOX, 3, true);

        assertThat(push.payload().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(PushPayloads.MAX_APNS_BYTES)
                .isGreaterThan(PushPayloads.MAX_APNS_BYTES - 8);
        String body = JSON.readTree(push.payload()).at("/aps/alert/body").asText();
        assertThat(body).startsWith("xxxx").endsWith("\u2026");
    }

    @Test
    void a_long_text_of_emoji_is_never_cut_inside_a_code_point() throws Exception {
        String text = "\uD83D\uDE00".repeat(4000) + "\u00e9".repeat(1000);

        PushNotification push = PushPayloads.of(job(false, text), PushPlatform.APNS, 3, true);

        assertThat(push.payload().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(PushPayloads.MAX_APNS_BYTES);
        String body = JSON.readTree(push.payload()).at("/aps/alert/body").asText();
        String kept = body.substring(0, body.length() - 1);
        assertThat(kept.codePoints()).containsOnly(0x1F600);
        assertThat(kept.length() % 2).isZero();
    }

    @Test
    void fcm_gets_a_high_priority_data_message_with_conversation_seq_and_a_collapse_key() throws Exception {
        PushNotification push = PushPayloads.of(job(false, "lunch at noon?"), PushPlatform.FCM, 5, true);

        JsonNode message = JSON.readTree(push.payload()).at("/fcmV1Message/message");
        assertThat(message.at("/data/conversationId").asText()).isEqualTo("c-1");
        assertThat(message.at("/data/seq").asText()).isEqualTo("42");
        assertThat(message.at("/data/unread").asText()).isEqualTo("5");
        assertThat(message.at("/android/priority").asText()).isEqualTo("high");
        assertThat(message.at("/android/collapse_key").asText()).isEqualTo("c-1");
        assertThat(message.has("notification")).isFalse();
        assertThat(push.payload()).doesNotContain("lunch");
    }
}
