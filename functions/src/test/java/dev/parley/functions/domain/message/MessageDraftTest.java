package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.model.Limits;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MessageDraftTest {
    private static final String ID = ConversationId.newGroup();

    private static Failure failureOf(ThrowableAssert.ThrowingCallable call) {
        FailureException thrown = catchThrowableOfType(FailureException.class, call);
        assertThat(thrown).as("a FailureException").isNotNull();
        return thrown.failure();
    }

    private static void assertBadRequestNaming(ThrowableAssert.ThrowingCallable call, String... words) {
        assertThat(failureOf(call)).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains(words));
    }

    @Test
    void text_is_limited_in_utf8_bytes_not_characters() {
        String atLimit = "€".repeat(Limits.MAX_BODY_BYTES / 3) + "a";
        String overLimit = "€".repeat(Limits.MAX_BODY_BYTES / 3 + 1);

        assertThat(MessageDraft.of(ID, "m1", atLimit, null, null, null).body()).isEqualTo(new MessageBody.Text(atLimit));
        assertThat(failureOf(() -> MessageDraft.of(ID, "m1", overLimit, null, null, null)))
                .isInstanceOfSatisfying(Failure.PayloadTooLarge.class,
                        tooLarge -> assertThat(tooLarge.message()).contains("\"text\"", "16384"));
    }

    @Test
    void ciphertext_is_limited_in_base64_characters() {
        String overLimit = "A".repeat(Limits.MAX_BODY_BYTES + 4);

        assertThat(failureOf(() -> MessageDraft.of(ID, "m1", null, overLimit, "signal-v1", null)))
                .isInstanceOf(Failure.PayloadTooLarge.class);
    }

    @Test
    void a_message_has_exactly_one_body() {
        assertBadRequestNaming(() -> MessageDraft.of(ID, "m1", "hi", "AAEC", "signal-v1", null), "not both");
        assertBadRequestNaming(() -> MessageDraft.of(ID, "m1", null, null, null, null), "\"text\"", "\"ciphertext\"");
        assertBadRequestNaming(() -> MessageDraft.of(ID, "m1", "", null, null, null), "\"text\"", "empty");
    }

    @Test
    void ciphertext_needs_an_alg_and_must_be_base64() {
        assertBadRequestNaming(() -> MessageDraft.of(ID, "m1", null, "AAEC", null, null), "\"alg\"");
        assertBadRequestNaming(() -> MessageDraft.of(ID, "m1", null, null, "signal-v1", null), "\"ciphertext\"");
        assertBadRequestNaming(() -> MessageDraft.of(ID, "m1", null, "not base64!", "signal-v1", null), "base64");
    }

    @Test
    void mentions_name_1_to_50_distinct_well_formed_user_ids() {
        MessageDraft plain = MessageDraft.of(ID, "m1", "hi", null, null, null);
        java.util.List<String> fifty = java.util.stream.IntStream.range(0, Limits.MAX_MENTIONS).mapToObj(i -> "user-" + i).toList();
        java.util.List<String> fiftyOne = java.util.stream.IntStream.range(0, Limits.MAX_MENTIONS + 1).mapToObj(i -> "user-" + i).toList();

        assertThat(plain.mentions()).isEmpty();
        assertThat(plain.withMentions(null)).isEqualTo(plain);
        assertThat(plain.withMentions(fifty).mentions()).containsExactlyElementsOf(fifty);
        assertBadRequestNaming(() -> plain.withMentions(fiftyOne), "\"mentions\"", "1 to 50");
        assertBadRequestNaming(() -> plain.withMentions(java.util.List.of()), "\"mentions\"", "1 to 50");
        assertBadRequestNaming(() -> plain.withMentions(java.util.List.of("bob", "bob")), "\"mentions\"", "\"bob\" twice");
        assertBadRequestNaming(() -> plain.withMentions(java.util.List.of("bob", "no spaces")), "\"mentions[1]\"");
    }

    @Test
    void ids_must_be_well_formed() {
        assertBadRequestNaming(() -> MessageDraft.of(null, "m1", "hi", null, null, null), "\"conversationId\"");
        assertBadRequestNaming(() -> MessageDraft.of("x", "m1", "hi", null, null, null), "\"conversationId\"");
        assertBadRequestNaming(() -> MessageDraft.of(ID, null, "hi", null, null, null), "\"clientMessageId\"");
        assertBadRequestNaming(() -> MessageDraft.of(ID, "a".repeat(65), "hi", null, null, null), "\"clientMessageId\"", "64");
        assertBadRequestNaming(() -> MessageDraft.of(ID, "no spaces", "hi", null, null, null), "\"clientMessageId\"");
    }

    @Test
    void a_reply_names_a_seq_of_1_or_more() {
        assertBadRequestNaming(() -> MessageDraft.of(ID, "m1", "hi", null, null, 0L), "\"replyToSeq\"");
    }
}
