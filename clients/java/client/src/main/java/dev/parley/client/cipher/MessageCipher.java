package dev.parley.client.cipher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.store.StoredConversation;
import dev.parley.model.v1.SendMessageReply;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The port through which an end-to-end encryption module (parley-client-signal) seals what the
 * outbox sends and opens what arrives, in conversations created with {@code e2ee: true}. The SDK
 * stays free of any cryptography: without a cipher ({@link #NONE}) every message goes and comes
 * as today, and plaintext conversations never reach the cipher at all.
 *
 * <p>The SDK calls {@link #open} once per new (conversationId, seq), on its worker thread, in
 * the order the messages reach the device; a message already held is never opened again (a
 * Signal ratchet decrypts each ciphertext once).
 */
public interface MessageCipher {

    /** No encryption: E2EE conversations are refused by the server as before (their messages stay unreadable). */
    MessageCipher NONE = new MessageCipher() {
        @Override
        public CompletableFuture<Sent> send(Outgoing message, Transport transport) {
            CompletableFuture<Sent> refused = new CompletableFuture<>();
            refused.completeExceptionally(new Refused("NO_CIPHER",
                    "an end-to-end encrypted conversation needs parley-client-signal attached (docs/e2ee-client.md)"));
            return refused;
        }

        @Override
        public Opened open(ObjectNode message) {
            return new Opened.Failed("NO_CIPHER");
        }
    };

    /**
     * Sends one outbox entry of an E2EE conversation: seals it and sends it through
     * {@code transport} (as many frames and retries as the cipher needs, every one with the
     * entry's {@code clientMessageId} for the message itself). Fails with a
     * {@code ParleyException} from the transport (a lost connection: the outbox retries later)
     * or a {@link Refused} (the entry goes STUCK with its code).
     */
    CompletableFuture<Sent> send(Outgoing message, Transport transport);

    /** What the app sees of a received E2EE message, from its JSON as the server sent it. */
    Opened open(ObjectNode message);

    /**
     * Encrypts a file before its upload (called off the SDK's threads): the outbox uploads
     * {@link SealedFile#blob} with {@code encrypted: true} as {@code application/octet-stream},
     * deletes it afterwards, and hands {@link SealedFile#secret} back in {@link Outgoing#mediaSecrets}
     * under the media id, for the cipher to put inside the message.
     */
    default SealedFile sealFile(java.io.File plaintext, String contentType) throws java.io.IOException {
        throw new Refused("NO_CIPHER", "this cipher does not encrypt files");
    }

    /** An encrypted copy of a file, and what a reader needs to decrypt it (opaque to the SDK). */
    record SealedFile(java.io.File blob, String secret) {
    }

    /** One sendMessage request with the given fields (conversationId, clientMessageId, alg, ...). */
    interface Transport {
        CompletableFuture<SendMessageReply> send(ObjectNode fields);
    }

    /**
     * An outbox entry to seal; {@code conversation} lists every member (a large group's read with
     * listMembers, kept until its membership changes, since its sync lists none); {@code media} are ids already uploaded; {@code mediaSecrets} the
     * {@link SealedFile#secret} of each file this entry uploaded, by media id (empty when none).
     */
    record Outgoing(StoredConversation conversation, String clientMessageId, String text, Long replyToSeq,
                    List<String> media, java.util.Map<String, String> mediaSecrets) {
        public Outgoing(StoredConversation conversation, String clientMessageId, String text, Long replyToSeq,
                        List<String> media) {
            this(conversation, clientMessageId, text, replyToSeq, media, java.util.Collections.emptyMap());
        }
    }

    /** The stored message's reply and the {@code alg} it went with. */
    record Sent(SendMessageReply reply, String alg) {
    }

    /** The cipher cannot send the entry until something changes (the app trusts a new identity key, ...). */
    final class Refused extends RuntimeException {
        private final String code;

        public Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        public Refused(String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        /** For {@code OutboxEntry.Stuck.codeName}: e.g. DEVICES_MISMATCH, UNTRUSTED_IDENTITY, KEY_LOG_VIOLATION. */
        public String code() {
            return code;
        }
    }
}
