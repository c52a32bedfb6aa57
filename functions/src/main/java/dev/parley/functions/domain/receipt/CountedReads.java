package dev.parley.functions.domain.receipt;

import dev.parley.functions.domain.sync.MemberCursors;
import dev.parley.functions.domain.sync.MemberState;
import dev.parley.functions.log.JsonLogger;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The memberships rows with read counts kept beside them: every read cursor move of a large
 * conversation's row is also counted ({@link ReadCounts#countReader}), after the row moved. A
 * decorator rather than a step of {@link MarkReceipt}, so receipts stay one use case whatever the
 * tier and the count is kept wherever a read cursor moves through this port.
 *
 * <p>The row's move is what the user asked for and has happened: a count that fails is logged and
 * left behind (that member counts at their previous position until their next read), not turned
 * into an error the client would retry against a cursor that already moved.
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
        Optional<MemberState> moved = rows.advance(userId, conversationId, cursor, upToSeq, knownLastSeq, now);
        if (cursor == Cursor.READ && moved.isPresent() && moved.get().large()) {
            try {
                counts.countReader(conversationId, userId, upToSeq);
            } catch (RuntimeException e) {
                LOG.error("read count not moved", JsonLogger.fields("conversationId", conversationId, "readSeq", upToSeq), e);
            }
        }
        return moved;
    }
}
