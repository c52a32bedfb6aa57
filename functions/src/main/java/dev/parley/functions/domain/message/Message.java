package dev.parley.functions.domain.message;

import dev.parley.model.v1.MediaDescriptor;
import dev.parley.model.v1.MessageEvent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored message: the {@code seq}-th of its conversation. Numbers are gapless from 1, and
 * {@code (senderId, senderDeviceId, clientMessageId)} identifies a send across client retries.
 *
 * @param sentAt          when the server stored it, at millisecond precision
 * @param replyToSeq      the message this one answers, or null
 * @param media           the attached media as they were when the message was sent, in the sender's order; empty when none
 * @param senderDeviceNum the sending device's number in the key directory (the two Signal forms only), or null
 */
public record Message(String conversationId, long seq, String senderId, String senderDeviceId,
                      String clientMessageId, Instant sentAt, MessageBody body, Long replyToSeq, List<MediaDescriptor> media,
                      Integer senderDeviceNum) {

    public Message {
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** A message without a sender device number. */
    public Message(String conversationId, long seq, String senderId, String senderDeviceId,
                   String clientMessageId, Instant sentAt, MessageBody body, Long replyToSeq, List<MediaDescriptor> media) {
        this(conversationId, seq, senderId, senderDeviceId, clientMessageId, sentAt, body, replyToSeq, media, null);
    }

    /** A message without media. */
    public Message(String conversationId, long seq, String senderId, String senderDeviceId,
                   String clientMessageId, Instant sentAt, MessageBody body, Long replyToSeq) {
        this(conversationId, seq, senderId, senderDeviceId, clientMessageId, sentAt, body, replyToSeq, List.of());
    }

    /** Whether each reader sees its own version ({@link #toEventFor}), not one event for all. */
    public boolean perDevice() {
        return body instanceof MessageBody.Envelopes;
    }

    /** The message as clients receive it: the {@code message} event, and each entry of sync and history. */
    public MessageEvent toEvent() {
        String text = body instanceof MessageBody.Text t ? t.text() : null;
        MessageBody.Ciphertext encrypted = body instanceof MessageBody.Ciphertext c ? c : null;
        if (body instanceof MessageBody.Envelopes) {
            return event(null, null, MessageBody.PAIRWISE_ALG, null, true);
        }
        return event(text, encrypted == null ? null : encrypted.ciphertext(), encrypted == null ? null : encrypted.alg(),
                null, null);
    }

    /**
     * The message as the device {@code (userId, deviceId)} receives it: a pairwise message carries that device's
     * envelope only, or says {@code notForThisDevice} without any ciphertext; every other message is {@link #toEvent}.
     */
    public MessageEvent toEventFor(String userId, String deviceId) {
        if (!(body instanceof MessageBody.Envelopes addressed)) {
            return toEvent();
        }
        Optional<Envelope> own = addressed.envelopes().stream().filter(envelope -> envelope.isFor(userId, deviceId)).findFirst();
        return own.map(envelope -> event(null, envelope.ciphertext(), MessageBody.PAIRWISE_ALG, envelope.type().wire(), null))
                .orElseGet(this::toEvent);
    }

    private MessageEvent event(String text, String ciphertext, String alg, String envelopeType, Boolean notForThisDevice) {
        return new MessageEvent(conversationId, seq, senderId, senderDeviceId, sentAt.toEpochMilli(), clientMessageId,
                text, ciphertext, alg, replyToSeq, media.isEmpty() ? null : media, senderDeviceNum, envelopeType,
                notForThisDevice);
    }
}
