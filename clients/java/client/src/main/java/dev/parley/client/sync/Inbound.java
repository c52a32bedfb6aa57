package dev.parley.client.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.cipher.MessageCipher;
import dev.parley.client.cipher.Opened;
import dev.parley.client.store.ParleyStore;
import dev.parley.model.v1.MessageEvent;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the store and the app get of a message as the server sent it: plaintext messages as they
 * are; E2EE ones (an {@code alg}) opened by the {@link MessageCipher} once, when the device does
 * not hold them yet. The device's own send, come back through sync before the send's reply (so
 * with no envelope for this device), takes its text from the outbox entry that is still there.
 */
public final class Inbound {
    private static final Logger LOG = Logger.getLogger(Inbound.class.getName());

    private final ParleyStore store;
    private final Supplier<MessageCipher> cipher;
    private final String deviceId;
    private final Function<String, Optional<String>> outboxText;

    /** @param outboxText the text of this device's outbox entry with that clientMessageId, if it is still there */
    public Inbound(ParleyStore store, Supplier<MessageCipher> cipher, String deviceId,
                   Function<String, Optional<String>> outboxText) {
        this.store = store;
        this.cipher = cipher;
        this.deviceId = deviceId;
        this.outboxText = outboxText;
    }

    /** The message to hold, or empty when there is nothing for the app (skipped or undecryptable; its seq counts as held). */
    public Optional<MessageEvent> open(MessageEvent message, ObjectNode raw) {
        if (message.alg() == null || raw == null || store.hasMessage(message.conversationId(), message.seq())) {
            return Optional.of(message);
        }
        if (deviceId.equals(message.senderDeviceId()) && message.clientMessageId() != null) {
            Optional<String> text = outboxText.apply(message.clientMessageId());
            if (text.isPresent()) {
                return Optional.of(new MessageEvent(message.conversationId(), message.seq(), message.senderId(),
                        message.senderDeviceId(), message.sentAt(), message.clientMessageId(), text.get(), null,
                        message.alg(), message.replyToSeq(), message.media()));
            }
        }
        Opened opened;
        try {
            opened = cipher.get().open(raw);
        } catch (RuntimeException e) {
            // A cipher bug must not stop the sync: the message counts as undecryptable.
            LOG.log(Level.WARNING, "the cipher failed on " + message.conversationId() + "#" + message.seq(), e);
            opened = new Opened.Failed("CIPHER_ERROR");
        }
        if (opened instanceof Opened.Shown shown) {
            return Optional.of(shown.message());
        }
        LOG.fine(message.conversationId() + "#" + message.seq() + " not shown: " + opened);
        return Optional.empty();
    }
}
