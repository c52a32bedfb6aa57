package dev.parley.functions.domain.receipt;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How many counted read positions sit at each seq, exact from {@code exactFrom} on: positions
 * below it have been folded away to keep the counts small (see docs/protocol/sync.md), so for an
 * older seq only a lower bound is known.
 *
 * @param exactFrom the lowest seq whose count is exact (at least 1)
 * @param readersAt positions at or past {@code exactFrom} and how many members sit at each (a
 *                  count may be briefly negative while two moves of one member arrive out of order)
 */
public record ReadTally(long exactFrom, NavigableMap<Long, Long> readersAt) {

    public ReadTally {
        exactFrom = Math.max(1, exactFrom);
        readersAt = new TreeMap<>(readersAt.tailMap(exactFrom, true));
    }

    public static ReadTally of(long exactFrom, Map<Long, Long> readersAt) {
        return new ReadTally(exactFrom, new TreeMap<>(readersAt));
    }

    /** Members whose position is at or past {@code seq}; for a seq below {@link #exactFrom}, those at or past it. */
    public long readBy(long seq) {
        long total = readersAt.tailMap(Math.max(seq, exactFrom), true).values().stream().mapToLong(Long::longValue).sum();
        return Math.max(0, total);
    }
}
