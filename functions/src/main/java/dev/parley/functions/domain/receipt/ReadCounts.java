package dev.parley.functions.domain.receipt;

/**
 * Port: aggregated read counts of large conversations. Each member has one counted read position,
 * kept on their row (moved only forward, by markRead; taken back when they leave, by the conversation
 * store in the same write); the counts say how many members' positions sit at each seq. A move costs
 * the same whatever the group's size: no write per member per message.
 */
public interface ReadCounts {

    /**
     * Moves the counts with a member whose row's counted position moved from {@code fromSeq} (0: counted
     * nowhere) to {@code toSeq} ({@link dev.parley.functions.domain.sync.MemberCursors#advanceRead}, which
     * moves each position once, so each move is counted once).
     */
    void moveReader(String conversationId, String userId, long fromSeq, long toSeq);

    /** The conversation's counts, eventually consistent. */
    ReadTally tally(String conversationId);
}
