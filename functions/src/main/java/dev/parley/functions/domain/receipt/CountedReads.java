package dev.parley.functions.domain.receipt;

import dev.parley.functions.domain.sync.MemberCursors;
import dev.parley.functions.domain.sync.MemberState;
import dev.parley.functions.log.JsonLogger;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The memberships rows with read counts kept beside them: every read cursor move also moves the
 * row's counted position, in the same write ({@link MemberCursors#advanceRead}), and a large
 * conversation's is then counted ({@link ReadCounts#moveReader}). A decorator rather than a step of
 * {@link MarkReceipt}, so receipts stay one use case whatever the tier and the count is kept
 * wherever a read cursor moves through this port.
 *
 * <p>The row's move is what the user asked for and has happened: a count that fails is logged and
 * left behind (the counts then still hold that member at their previous position, and their next
 * read moves them from the position the row says), not turned into an error the client would retry
 * against a cursor that already moved.
 */
public final class CountedReads implements MemberCursors {
    private static final JsonLogger LOG = JsonLogger.of(CountedReads.class);

    private final MemberCursors rows;
    private final ReadCounts counts;

    public CountedReads(MemberCursors rows, ReadCounts counts) {
        this.rows = rows;
        this.counts = counts;
    }

    @Override
    public List<MemberState> of(String userId) {
        return rows.of(userId);
    }

    @Override
    public List<MemberState> rows(Collection<Key> keys) {
        return rows.rows(keys);
    }

    @Override
    public Optional<MemberState> row(String userId, String conversationId) {
        return rows.row(userId, conversationId);
    }

    @Override
    public Optional<MemberState> advance(String userId, String conversationId, Cursor cursor, long upToSeq,
                                         Long knownLastSeq, Instant now) {
        return cursor == Cursor.READ ? advanceRead(userId, conversationId, upToSeq, knownLastSeq, now).map(CountedMove::row)
                : rows.advance(userId, conversationId, cursor, upToSeq, knownLastSeq, now);
    }

    @Override
    public Optional<CountedMove> advanceRead(String userId, String conversationId, long upToSeq, Long knownLastSeq, Instant now) {
        Optional<CountedMove> moved = rows.advanceRead(userId, conversationId, upToSeq, knownLastSeq, now);
        if (moved.isPresent() && moved.get().row().large()) {
            try {
                counts.moveReader(conversationId, userId, moved.get().countedBefore(), upToSeq);
            } catch (RuntimeException e) {
                LOG.error("read count not moved", JsonLogger.fields("conversationId", conversationId, "readSeq", upToSeq), e);
            }
        }
        return moved;
    }
}
