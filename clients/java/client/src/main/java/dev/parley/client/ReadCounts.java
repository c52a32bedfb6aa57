package dev.parley.client;

import dev.parley.model.v1.ReadCountsReply;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Read by N" in a large group ({@code readCounts}, docs/protocol/sync.md): for each asked seq, how
 * many members have read up to it or further. Only members count (one who left or was removed no
 * longer does); the sender counts once they read their own message or a later one. Eventually
 * consistent: a read of the last moment may be missing.
 *
 * @param exactFrom the counts are exact from this seq on; for an older seq they are a lower bound
 * @param readBy    the asked seqs, in the order asked, with their counts
 */
public record ReadCounts(String conversationId, long exactFrom, Map<Long, Long> readBy) {
    public ReadCounts {
        readBy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(readBy));
    }

    /** How many members read up to {@code seq} or further; null for a seq that was not asked. */
    public Long readBy(long seq) {
        return readBy.get(seq);
    }

    /** Whether the count for {@code seq} is exact, not a lower bound (a seq older than the counts keep exactly). */
    public boolean exact(long seq) {
        return seq >= exactFrom;
    }

    /** The replies of one or more requests for the same conversation, merged: exact only from the highest exactFrom. */
    static ReadCounts of(String conversationId, List<ReadCountsReply> replies) {
        Map<Long, Long> counts = new LinkedHashMap<>();
        long exactFrom = 1;
        for (ReadCountsReply reply : replies) {
            exactFrom = Math.max(exactFrom, reply.exactFrom());
            reply.counts().forEach(count -> counts.put(count.seq(), count.readBy()));
        }
        return new ReadCounts(conversationId, exactFrom, counts);
    }
}
