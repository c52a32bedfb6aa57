package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.model.Limits;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The pairwise form's fields, checked before any read: each broken rule names its field. */
class EnvelopeDraftTest {
    private static final String ID = ConversationId.newGroup();

    @Test
    void a_well_formed_batch_becomes_checked_envelopes() {
        MessageDraft draft = draft("signal-v1", null, null, true, new Envelope.Fields("bob", 1, 201, "prekey", "AAAA"));

        MessageBody.Envelopes body = (MessageBody.Envelopes) draft.body();
        assertThat(body.partial()).isTrue();
        assertThat(body.envelopes()).containsExactly(new Envelope("bob", 1, 201, Envelope.Type.PREKEY, "AAAA", null));
    }

    @Test
    void each_broken_envelope_rule_is_a_bad_request_naming_the_field() {
        assertBadRequest(draftCall(new Envelope.Fields("bob", 1, 201, "message", "not base64!")), "envelopes[0].ciphertext", "base64");
        assertBadRequest(draftCall(new Envelope.Fields("bob", 0, 201, "message", "AAAA")), "envelopes[0].deviceNum");
        assertBadRequest(draftCall(new Envelope.Fields("bob", 1, 16381, "message", "AAAA")), "envelopes[0].registrationId");
        assertBadRequest(draftCall(new Envelope.Fields("bob", 1, 201, "whisper", "AAAA")), "envelopes[0].type");
        assertBadRequest(draftCall(new Envelope.Fields(null, 1, 201, "message", "AAAA")), "envelopes[0].userId");
        assertBadRequest(draftCall(new Envelope.Fields("bob", 1, 201, "message", "AAAA"),
                new Envelope.Fields("bob", 1, 201, "message", "BBBB")), "twice");
        assertBadRequest(() -> draft("signal-v1", null, null, false), "1 to " + Limits.MAX_ENVELOPES_PER_MESSAGE);
        assertBadRequest(() -> draft("signal-senderkey-v1", null, null, false, new Envelope.Fields("bob", 1, 201, "message", "AAAA")),
                "\"alg\"", "signal-v1");
        assertBadRequest(() -> draft("signal-v1", "AAAA", null, false, new Envelope.Fields("bob", 1, 201, "message", "AAAA")),
                "without");
        assertBadRequest(() -> draft("signal-v1", null, "hi", false, new Envelope.Fields("bob", 1, 201, "message", "AAAA")),
                "without");
    }

    @Test
    void more_envelopes_than_the_limit_are_refused() {
        Envelope.Fields[] many = IntStream.rangeClosed(1, Limits.MAX_ENVELOPES_PER_MESSAGE + 1)
                .mapToObj(n -> new Envelope.Fields("bob", n, 1, "message", "AAAA")).toArray(Envelope.Fields[]::new);
        assertBadRequest(draftCall(many), "" + Limits.MAX_ENVELOPES_PER_MESSAGE, "partial");
    }

    @Test
    void an_envelope_over_the_per_device_limit_is_payload_too_large() {
        String big = "A".repeat(Limits.MAX_BODY_BYTES + 4);
        Failure failure = failureOf(draftCall(new Envelope.Fields("bob", 1, 201, "message", "AAAA"),
                new Envelope.Fields("bob", 2, 201, "message", big)));

        assertThat(failure).isInstanceOfSatisfying(Failure.PayloadTooLarge.class,
                tooLarge -> assertThat(tooLarge.message()).contains("envelopes[1].ciphertext", "per device"));
    }

    private static ThrowableAssert.ThrowingCallable draftCall(Envelope.Fields... envelopes) {
        return () -> draft("signal-v1", null, null, false, envelopes);
    }

    private static MessageDraft draft(String alg, String ciphertext, String text, boolean partial, Envelope.Fields... envelopes) {
        return MessageDraft.of(ID, "m1", text, ciphertext, alg, null, null, new ArrayList<>(Arrays.asList(envelopes)), partial);
    }

    private static void assertBadRequest(ThrowableAssert.ThrowingCallable call, String... words) {
        assertThat(failureOf(call)).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains(words));
    }

    private static Failure failureOf(ThrowableAssert.ThrowingCallable call) {
        FailureException thrown = catchThrowableOfType(FailureException.class, call);
        assertThat(thrown).as("a FailureException").isNotNull();
        return thrown.failure();
    }
}
