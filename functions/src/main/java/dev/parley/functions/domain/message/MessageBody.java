package dev.parley.functions.domain.message;

/**
 * What a message says. A conversation created without end-to-end encryption carries {@link Text};
 * an E2EE one carries only {@link Ciphertext}, which the server stores and forwards unread. A
 * message of a conversation without E2EE may say nothing besides its media ({@link MediaOnly}); in
 * an E2EE conversation the ciphertext is still required, since it carries the media's keys.
 */
public sealed interface MessageBody {

    record Text(String text) implements MessageBody {
    }

    /**
     * @param ciphertext base64, opaque to the server
     * @param alg        the client's algorithm tag, for example {@code signal-v1}
     */
    record Ciphertext(String ciphertext, String alg) implements MessageBody {
    }

    /** No text: the message is its media (never in an E2EE conversation). */
    record MediaOnly() implements MessageBody {
    }
}
