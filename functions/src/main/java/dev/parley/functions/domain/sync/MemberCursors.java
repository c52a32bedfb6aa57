package dev.parley.functions.domain.sync;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port: the memberships rows as sync, receipts and presence read and move them. */
public interface MemberCursors {

    /** Every row of the user (all pages of one Query), eventually consistent. */
    List<MemberState> of(String userId);

    /** The rows of these users in one conversation (batched reads); users without a row are absent. */
    List<MemberState> rows(Collection<Key> keys);

    /** The row, read consistently; empty when the user is not a member. */
    Optional<MemberState> row(String userId, String conversationId);

    /**
     * Moves the cursor to {@code upToSeq} if the row exists, the cursor is below it and the row's
     * last seq is at least {@code upToSeq}. With {@code knownLastSeq}, the row's last seq is first
     * raised to it (for a row that lags its conversation) instead of being checked.
     *
     * @return the row after the move; empty when a condition failed and nothing changed
     */
    Optional<MemberState> advance(String userId, String conversationId, Cursor cursor, long upToSeq,
                                  Long knownLastSeq, Instant now);

    /**
     * As {@link #advance} of the read cursor, moving in the same write the row's counted read position
     * (where a large conversation's read counts hold the member) to {@code upToSeq}. The counted position
     * is only ever set with the read cursor and the read cursor only moves forward, so it never passes
     * the read cursor: the advance's condition (read cursor below {@code upToSeq}) is the condition of
     * both. On a small conversation's row the position is kept too and counts nothing; the switch to
     * large clears it.
     *
     * @return the row after the move, with where it was counted before; empty when a condition failed
     */
    Optional<CountedMove> advanceRead(String userId, String conversationId, long upToSeq, Long knownLastSeq, Instant now);

    /** A read cursor move: the row after it, and its counted read position before it (0: counted nowhere). */
    record CountedMove(MemberState row, long countedBefore) {
    }

    /** Which cursor a receipt moves. */
    enum Cursor { DELIVERED, READ }

    /** A membership row's key. */
    record Key(String userId, String conversationId) {
    }
}
