package dev.parley.functions.domain.receipt;

/**
 * Port: aggregated read counts of large conversations. Each member has one counted read position
 * (moved only forward, by markRead); the counts say how many members' positions sit at each seq.
 * A move costs the same whatever the group's size: no write per member per message.
 */
public interface ReadCounts {

    /**
     * Moves the member's counted position forward to {@code readSeq} and the counts with it; a
     * position already at or past {@code readSeq} stays and nothing is counted twice.
     */
    void countReader(String conversationId, String userId, long readSeq);

    /** The conversation's counts, eventually consistent. */
    ReadTally tally(String conversationId);
}
