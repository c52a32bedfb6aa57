package dev.parley.functions.domain.message;

import java.util.List;

/**
 * What a message says. A conversation created without end-to-end encryption carries {@link Text};
 * an E2EE one carries only {@link Ciphertext} or {@link Envelopes}, which the server stores and
 * forwards unread. A message of a conversation without E2EE may say nothing besides its media
 * ({@link MediaOnly}); in an E2EE conversation a ciphertext is still required, since it carries the
 * media's keys.
 */
public sealed interface MessageBody {
    /** The pairwise form's alg: one Signal ciphertext per device ({@link Envelopes}). */
    String PAIRWISE_ALG = "signal-v1";
    /** The sender-key form's alg: one group ciphertext for every member device. */
    String SENDER_KEY_ALG = "signal-senderkey-v1";

    record Text(String text) implements MessageBody {
    }

    /**
     * @param ciphertext base64, opaque to the server
     * @param alg        the client's algorithm tag, for example {@value #SENDER_KEY_ALG}
     */
    record Ciphertext(String ciphertext, String alg) implements MessageBody {

        /** The sender-key form: the server stamps the sending device's number on it. */
        public boolean senderKey() {
            return SENDER_KEY_ALG.equals(alg);
        }
    }

    /**
     * The pairwise form ({@value #PAIRWISE_ALG}): one ciphertext per recipient device, each read only by its device.
     *
     * @param partial true for a batch addressed to some devices only (sender-key distribution): the server then
     *                checks only that each addressed device is current, not that every device is addressed
     */
    record Envelopes(List<Envelope> envelopes, boolean partial) implements MessageBody {
        public Envelopes {
            envelopes = List.copyOf(envelopes);
        }
    }

    /** No text: the message is its media (never in an E2EE conversation). */
    record MediaOnly() implements MessageBody {
    }
}
