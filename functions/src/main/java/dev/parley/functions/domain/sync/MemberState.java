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
 * @param large          the row of a large conversation: no message moves it, so its {@code lastSeq} and
 *                       {@code lastActivityAt} are not the conversation's; sync reads those from the timeline
 */
public record MemberState(String userId, String conversationId, long lastSeq, long lastActivityAt, long updatedAt,
                          long readSeq, long deliveredSeq, long mutedUntil, boolean large) {

    /** The row of a small conversation. */
    public MemberState(String userId, String conversationId, long lastSeq, long lastActivityAt, long updatedAt,
                       long readSeq, long deliveredSeq, long mutedUntil) {
        this(userId, conversationId, lastSeq, lastActivityAt, updatedAt, readSeq, deliveredSeq, mutedUntil, false);
    }

    /** This row as it would be had every message of its conversation moved it: the timeline's last seq and time. */
    public MemberState at(long lastSeq, long lastActivityAt) {
        long activity = Math.max(lastActivityAt, this.lastActivityAt);
        return new MemberState(userId, conversationId, Math.max(lastSeq, this.lastSeq), activity,
                Math.max(updatedAt, activity), readSeq, deliveredSeq, mutedUntil, large);
    }

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
