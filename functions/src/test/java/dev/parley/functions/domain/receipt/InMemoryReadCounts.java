package dev.parley.functions.domain.receipt;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Read counts held exactly: every member's counted position, nothing folded (exact from seq 1). */
public final class InMemoryReadCounts implements ReadCounts {
    private final Map<String, Map<String, Long>> positions = new ConcurrentHashMap<>();

    @Override
    public void moveReader(String conversationId, String userId, long fromSeq, long toSeq) {
        positions.computeIfAbsent(conversationId, id -> new ConcurrentHashMap<>()).put(userId, toSeq);
    }

    @Override
    public ReadTally tally(String conversationId) {
        Map<Long, Long> readersAt = new HashMap<>();
        positions.getOrDefault(conversationId, Map.of()).values().forEach(seq -> readersAt.merge(seq, 1L, Long::sum));
        return ReadTally.of(1, readersAt);
    }

    /** The member is counted nowhere any more (they left the conversation). */
    public void forget(String conversationId, String userId) {
        Map<String, Long> counted = positions.get(conversationId);
        if (counted != null) {
            counted.remove(userId);
        }
    }

    /** Where the member is counted; 0 when nowhere. */
    public long positionOf(String conversationId, String userId) {
        return positions.getOrDefault(conversationId, Map.of()).getOrDefault(userId, 0L);
    }
}
