package dev.parley.functions.domain.message;

import dev.parley.model.v1.MediaDescriptor;
import dev.parley.model.v1.MessageEvent;

import java.time.Instant;
import java.util.List;

/**
 * A stored message: the {@code seq}-th of its conversation. Numbers are gapless from 1, and
 * {@code (senderId, senderDeviceId, clientMessageId)} identifies a send across client retries.
 *
 * @param sentAt     when the server stored it, at millisecond precision
 * @param replyToSeq the message this one answers, or null
 * @param media      the attached media as they were when the message was sent, in the sender's order; empty when none
 */
public record Message(String conversationId, long seq, String senderId, String senderDeviceId,
                      String clientMessageId, Instant sentAt, MessageBody body, Long replyToSeq, List<MediaDescriptor> media) {

    public Message {
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** A message without media. */
    public Message(String conversationId, long seq, String senderId, String senderDeviceId,
                   String clientMessageId, Instant sentAt, MessageBody body, Long replyToSeq) {
        this(conversationId, seq, senderId, senderDeviceId, clientMessageId, sentAt, body, replyToSeq, List.of());
    }

    /** The message as clients receive it: the {@code message} event, and each entry of sync and history. */
    public MessageEvent toEvent() {
        String text = body instanceof MessageBody.Text t ? t.text() : null;
        MessageBody.Ciphertext encrypted = body instanceof MessageBody.Ciphertext c ? c : null;
        return new MessageEvent(conversationId, seq, senderId, senderDeviceId, sentAt.toEpochMilli(), clientMessageId,
                text, encrypted == null ? null : encrypted.ciphertext(), encrypted == null ? null : encrypted.alg(), replyToSeq,
                media.isEmpty() ? null : media);
    }
}
