package dev.parley.functions.domain.message;

import java.time.Instant;

/**
 * A stored message: the {@code seq}-th of its conversation. Numbers are gapless from 1, and
 * {@code (senderId, senderDeviceId, clientMessageId)} identifies a send across client retries.
 *
 * @param sentAt     when the server stored it, at millisecond precision
 * @param replyToSeq the message this one answers, or null
 */
public record Message(String conversationId, long seq, String senderId, String senderDeviceId,
                      String clientMessageId, Instant sentAt, MessageBody body, Long replyToSeq) {
}
