package dev.parley.functions.domain.sync;

import dev.parley.functions.domain.message.MemberActivity;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory fake of the memberships rows' cursors: {@link MemberCursors} and the send path's
 * {@link MemberActivity}, with the conditions of the DynamoDB adapters.
 */
public final class InMemoryMemberCursors implements MemberCursors, MemberActivity {
    private final Map<Key, MemberState> rows = new ConcurrentHashMap<>();
    /** Each row's counted read position ({@link #advanceRead}); absent: counted nowhere. */
    private final Map<Key, Long> counted = new ConcurrentHashMap<>();
    private final AtomicInteger batchReads = new AtomicInteger();

    /** A new member's row, as a membership change writes it. */
    public void join(String userId, String conversationId, long at) {
        rows.put(new Key(userId, conversationId), new MemberState(userId, conversationId, 0, at, at, 0, 0, 0));
    }

    public void leave(String userId, String conversationId) {
        rows.remove(new Key(userId, conversationId));
        counted.remove(new Key(userId, conversationId));
    }

    /** Replaces a row as it is stored, e.g. one that lags its conversation. */
    public void put(MemberState row) {
        rows.put(new Key(row.userId(), row.conversationId()), row);
    }

    public MemberState get(String userId, String conversationId) {
        return rows.get(new Key(userId, conversationId));
    }

    /** How many batched reads of other members' rows were made. */
    public int batchReads() {
        return batchReads.get();
    }

    @Override
    public List<MemberState> of(String userId) {
        return rows.values().stream().filter(row -> row.userId().equals(userId)).toList();
    }

    @Override
    public List<MemberState> rows(Collection<Key> keys) {
        batchReads.incrementAndGet();
        return keys.stream().distinct().map(rows::get).filter(row -> row != null).toList();
    }

    @Override
    public Optional<MemberState> row(String userId, String conversationId) {
        return Optional.ofNullable(rows.get(new Key(userId, conversationId)));
    }

    @Override
    public synchronized Optional<MemberState> advance(String userId, String conversationId, Cursor cursor, long upToSeq,
                                                      Long knownLastSeq, Instant now) {
        MemberState row = rows.get(new Key(userId, conversationId));
        if (row == null || row.readSeq() >= upToSeq || cursor == Cursor.DELIVERED && row.deliveredSeq() >= upToSeq) {
            return Optional.empty();
        }
        long lastSeq = row.lastSeq();
        if (knownLastSeq == null ? lastSeq < upToSeq : lastSeq > knownLastSeq) {
            return Optional.empty();
        }
        lastSeq = knownLastSeq == null ? lastSeq : knownLastSeq;
        MemberState moved = new MemberState(userId, conversationId, lastSeq, row.lastActivityAt(), now.toEpochMilli(),
                cursor == Cursor.READ ? upToSeq : row.readSeq(), cursor == Cursor.DELIVERED ? upToSeq : row.deliveredSeq(),
                row.mutedUntil(), row.large());
        rows.put(new Key(userId, conversationId), moved);
        return Optional.of(moved);
    }

    @Override
    public synchronized Optional<CountedMove> advanceRead(String userId, String conversationId, long upToSeq, Long knownLastSeq,
                                                          Instant now) {
        Key key = new Key(userId, conversationId);
        long before = counted.getOrDefault(key, 0L);
        return advance(userId, conversationId, Cursor.READ, upToSeq, knownLastSeq, now).map(row -> {
            counted.put(key, upToSeq);
            return new CountedMove(row, before);
        });
    }

    @Override
    public synchronized Map<String, Long> recordMessage(String conversationId, Collection<String> members,
                                                                  String senderId, java.util.Set<String> delivered, long seq,
                                                                  Instant at, Instant now) {
        Map<String, Long> readSeqs = new java.util.HashMap<>();
        for (String userId : members) {
            MemberState row = rows.get(new Key(userId, conversationId));
            if (row == null || row.lastSeq() >= seq) {
                continue;
            }
            boolean sender = userId.equals(senderId);
            boolean reached = !sender && delivered.contains(userId);
            rows.put(new Key(userId, conversationId), new MemberState(userId, conversationId, seq, at.toEpochMilli(),
                    now.toEpochMilli(), sender ? seq : row.readSeq(), sender || reached ? seq : row.deliveredSeq(),
                    row.mutedUntil(), row.large()));
            if (reached) {
                readSeqs.put(userId, row.readSeq());
            }
        }
        return readSeqs;
    }
}
