package dev.parley.client.cipher;

import dev.parley.model.v1.MessageEvent;

/** What {@link MessageCipher#open} made of a received message. */
public sealed interface Opened {

    /** A message for the app: its {@code text} (and media) are the plaintext, {@code ciphertext} is dropped. */
    record Shown(MessageEvent message) implements Opened {
    }

    /**
     * Nothing for the app: a message addressed to other devices only ({@code notForThisDevice}),
     * or one the cipher consumed itself (a sender-key distribution). Its seq counts as held.
     */
    record Skipped(String why) implements Opened {
    }

    /**
     * The message could not be decrypted; the cipher told the app (typed) and the seq counts as
     * held, so one bad ciphertext never stalls the sync.
     */
    record Failed(String reason) implements Opened {
    }
}
