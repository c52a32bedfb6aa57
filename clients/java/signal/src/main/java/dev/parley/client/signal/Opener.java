package dev.parley.client.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.cipher.Opened;
import dev.parley.client.signal.media.MediaFiles;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.MessageEvent;
import org.signal.libsignal.protocol.InvalidMessageException;
import org.signal.libsignal.protocol.InvalidVersionException;
import org.signal.libsignal.protocol.LegacyMessageException;

import java.util.Base64;

/**
 * Opens a received message as this device sees it (docs/e2ee.md#a-message-as-one-device-sees-it):
 * its own envelope (signal-v1) or the group ciphertext (signal-senderkey-v1). Text reaches the app;
 * a sender-key distribution is taken in and skipped; {@code notForThisDevice} is skipped silently;
 * anything that does not decrypt is told to the app as an {@link UndecryptableMessage}.
 */
final class Opener {
    private final SignalDevice device;
    private final SenderKeys senderKeys;
    private final E2eeListener listener;
    private final MediaFiles media;

    Opener(SignalDevice device, SenderKeys senderKeys, E2eeListener listener, MediaFiles media) {
        this.device = device;
        this.senderKeys = senderKeys;
        this.listener = listener;
        this.media = media;
    }

    Opened open(ObjectNode raw) {
        if (raw.path("notForThisDevice").asBoolean(false)) {
            return new Opened.Skipped("notForThisDevice");
        }
        String alg = raw.path("alg").asText("");
        String sender = raw.path("senderId").asText("");
        int senderDevice = raw.path("senderDeviceNum").asInt(0);
        if (!SignalCipher.SIGNAL_V1.equals(alg) && !SignalCipher.SENDER_KEY_V1.equals(alg)) {
            return new Opened.Failed("unsupported alg " + alg);
        }
        try {
            byte[] plaintext = decrypt(alg, sender, senderDevice, raw);
            JsonNode content = Content.read(plaintext);
            String kind = content.path("k").asText();
            if (Content.SENDER_KEY.equals(kind)) {
                senderKeys.process(sender, senderDevice, Base64.getDecoder().decode(content.path("message").asText()));
                return new Opened.Skipped("senderKey");
            }
            if (!Content.TEXT.equals(kind)) {
                return new Opened.Skipped("content kind " + kind + " is for a newer SDK");
            }
            content.path("media").forEach(media::remember);
            MessageEvent typed = ProtocolCodec.instance().mapper().treeToValue(raw, MessageEvent.class);
            return new Opened.Shown(new MessageEvent(typed.conversationId(), typed.seq(), typed.senderId(),
                    typed.senderDeviceId(), typed.sentAt(), typed.clientMessageId(), content.path("text").asText(""), null,
                    alg, typed.replyToSeq(), typed.media()));
        } catch (E2eeException.DecryptionFailed failure) {
            return failed(raw, alg, failure);
        } catch (InvalidMessageException | InvalidVersionException | LegacyMessageException | IllegalArgumentException
                 | com.fasterxml.jackson.core.JsonProcessingException e) {
            return failed(raw, alg, new E2eeException.DecryptionFailed(sender, senderDevice,
                    E2eeException.DecryptionFailed.Reason.INVALID_MESSAGE, "the decrypted content is unreadable: " + e.getMessage(), e));
        }
    }

    private byte[] decrypt(String alg, String sender, int senderDevice, ObjectNode raw) throws E2eeException.DecryptionFailed {
        String ciphertext = raw.path("ciphertext").isTextual() ? raw.get("ciphertext").asText() : null;
        if (SignalCipher.SIGNAL_V1.equals(alg)) {
            return device.decryptOrThrow(sender, senderDevice, new KeyWire.Envelope(device.userId(), device.deviceNum(),
                    0, raw.path("envelopeType").asText(""), ciphertext));
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(ciphertext == null ? "" : ciphertext);
        } catch (IllegalArgumentException e) {
            throw new E2eeException.DecryptionFailed(sender, senderDevice,
                    E2eeException.DecryptionFailed.Reason.MALFORMED_ENVELOPE, "the ciphertext is not base64", e);
        }
        return senderKeys.decrypt(sender, senderDevice, bytes);
    }

    private Opened failed(ObjectNode raw, String alg, E2eeException.DecryptionFailed failure) {
        listener.onMessageUndecryptable(new UndecryptableMessage(raw.path("conversationId").asText(),
                raw.path("seq").asLong(), failure.userId(), failure.deviceNum(), alg, failure));
        return new Opened.Failed(failure.reason().name());
    }
}
