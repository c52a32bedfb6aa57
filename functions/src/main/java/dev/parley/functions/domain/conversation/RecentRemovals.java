package dev.parley.functions.domain.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Port: who left or was removed from a large conversation lately, so that a fan-out page can drop
 * them with one read instead of re-reading every member's row. The memberships index a page is
 * listed from is eventually consistent, and a viewer entry can outlive its member by its TTL; a
 * marker kept for {@link #WINDOW} covers both.
 *
 * <p>The DynamoDB adapter: one item per removed user under the conversation in the viewers table,
 * written before the removal's transaction (a refused removal leaves a marker that only costs the
 * fan-out a row read for that user), read by a strongly consistent Query of the markers: 1 read unit
 * per 4 KB, about 60 markers.
 */
public interface RecentRemovals {
    /** Longer than a view lasts unrefreshed (Limits.VIEW_MAX_TTL_SECONDS, 5 min) and than the index lags (seconds). */
    Duration WINDOW = Duration.ofMinutes(15);

    /** Marks {@code userIds} as removed from {@code conversationId} at {@code at}. */
    void record(String conversationId, Collection<String> userIds, Instant at);

    /** The users marked removed from {@code conversationId} after {@code since}, read strongly consistent. */
    Set<String> since(String conversationId, Instant since);
}
