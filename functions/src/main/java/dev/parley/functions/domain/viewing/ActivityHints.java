package dev.parley.functions.domain.viewing;

import dev.parley.functions.domain.viewing.ActivityRounds.Round;

import java.time.Duration;
import java.time.Instant;

/**
 * Which sockets not viewing a large conversation an activity round tells: one event per unread episode,
 * decided from what the round reads anyway (connections items) and the members' read cursors, with no
 * write per socket. A socket was told by an earlier round and still has that hint unless something below
 * says its episode is new, so it is told again only when:
 * <ul>
 *   <li>the round is a refresher: the conversation's first, or the first in a new {@link #REFRESH} window
 *       (windows offset per conversation so conversations do not refresh at once; a round after a quiet
 *       spell of {@link #REFRESH} is always one). Everyone is told, which bounds how stale a hint gets;</li>
 *   <li>its member has read up to the previous round's seq (caught up since: a new episode). The cursor is
 *       per member, so every device of a member who read on one of them is told again;</li>
 *   <li>its member joined, or the socket connected, at or after the previous round (never told of it);</li>
 *   <li>it viewed this conversation after the previous round began (a view that ended since, as
 *       {@code stopViewing} or a lapsed TTL leaves it): it learns what came after it looked away;</li>
 *   <li>its member's row is not readable yet (the index ran ahead of the table): told rather than missed.</li>
 * </ul>
 * A member without {@code readSeq} (never read) counts as having read 0, so is told by refreshers and the
 * rules on joining and connecting only. A socket that switched its view to another conversation keeps no
 * trace of this one (one view per socket): its member's reading while it viewed usually starts the new
 * episode, else the refresher does. A previous round whose pages failed for good (its claim stands) left
 * some sockets untold; they too wait for the refresher. A redelivered page decides again, the same way.
 */
public final class ActivityHints {
    /** How often a busy conversation's round tells every socket again. */
    public static final Duration REFRESH = Duration.ofMinutes(5);

    private ActivityHints() {
    }

    /**
     * What the round claimed at {@code now} compares sockets against: the previous round, or null when it
     * tells everyone (a refresher).
     */
    public static Round since(String conversationId, Round previous, Instant now) {
        if (previous == null || window(conversationId, previous.at()) != window(conversationId, now)) {
            return null;
        }
        return previous;
    }

    /** Whether the round that compares against {@code since} tells {@code watcher}, a socket not viewing now. */
    public static boolean tells(String conversationId, Round since, Watcher watcher, ReadCursors.ReadMark cursor) {
        if (since == null || cursor == null) {
            return true;
        }
        return cursor.readSeq() >= since.seq()
                || !cursor.joinedAt().isBefore(since.at())
                || !watcher.connectedAt().isBefore(since.at())
                || watcher.viewedSince(conversationId, since.at());
    }

    /** When the conversation's first {@link #REFRESH} window at or after {@code at} begins. */
    public static Instant nextWindow(String conversationId, Instant at) {
        long refresh = REFRESH.toMillis();
        long offset = offset(conversationId);
        long window = window(conversationId, at);
        Instant start = Instant.ofEpochMilli(window * refresh - offset);
        return start.equals(at) ? at : start.plus(REFRESH);
    }

    private static long window(String conversationId, Instant at) {
        return Math.floorDiv(at.toEpochMilli() + offset(conversationId), REFRESH.toMillis());
    }

    private static long offset(String conversationId) {
        return Math.floorMod(conversationId.hashCode(), REFRESH.toMillis());
    }
}
