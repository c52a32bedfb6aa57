package dev.parley.client.store;

import dev.parley.model.ErrorCode;

import java.util.List;

/**
 * A message the user sent that the server has not yet confirmed. {@code clientMessageId} is
 * chosen once, before the first attempt, and kept for every retry: the server recognises a
 * retry by it. {@code localId} orders the outbox (per conversation, in sending order).
 * {@code attachment}, when present, is uploaded as a step before the send, and its media id is
 * sent after {@code media}.
 */
public record OutboxEntry(long localId, String clientMessageId, String conversationId, String text, Long replyToSeq,
                          List<String> media, Attachment attachment, long createdAt, Status status, Stuck stuck) {

    public enum Status {
        /** Waiting to be sent, or being sent. */
        PENDING,
        /** The server refused it for a reason a retry cannot fix; the app shows {@link #stuck()}. */
        STUCK
    }

    /** Why a message is stuck: the server's code and message, e.g. NOT_FOUND after a removal. */
    public record Stuck(ErrorCode code, String codeName, String message) {
    }

    public OutboxEntry withStuck(Stuck reason) {
        return new OutboxEntry(localId, clientMessageId, conversationId, text, replyToSeq, media, attachment, createdAt,
                reason == null ? Status.PENDING : Status.STUCK, reason);
    }
}
