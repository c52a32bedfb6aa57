package dev.parley.functions.domain.sync;

/**
 * One membership row as sync and receipts read it: the user's side of a conversation.
 *
 * @param lastSeq        the conversation's last seq as far as this row knows (0 when unknown)
 * @param lastActivityAt epoch ms of that message, or of joining when the row knows no message
 * @param updatedAt      epoch ms of the row's last change of any kind (joining, when never changed)
 * @param readSeq        read up to this seq
 * @param deliveredSeq   delivered up to this seq as stored; see {@link #delivered()}
 * @param mutedUntil     epoch ms until which pushes are muted; 0 when not muted
 */
public record MemberState(String userId, String conversationId, long lastSeq, long lastActivityAt, long updatedAt,
                          long readSeq, long deliveredSeq, long mutedUntil) {

    /**
     * The effective delivered cursor: markRead moves only {@code readSeq}, and whatever was read
     * was delivered, so delivered is the larger of the two everywhere it is shown.
     */
    public long delivered() {
        return Math.max(deliveredSeq, readSeq);
    }

    /** Unread messages when the conversation's last seq is {@code lastSeq}. */
    public long unread(long lastSeq) {
        return Math.max(0, Math.max(lastSeq, this.lastSeq) - readSeq);
    }

    public boolean muted(long nowMillis) {
        return mutedUntil > nowMillis;
    }
}
