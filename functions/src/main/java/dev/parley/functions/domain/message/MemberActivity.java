package dev.parley.functions.domain.message;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Port: each member's row learns about a stored message ({@code lastSeq}, {@code lastActivityAt},
 * {@code updatedAt}), so sync, unread counts and badges read what changed instead of every
 * conversation's timeline. The sender's row also moves its read and delivered cursors to the
 * message: a sender has read their own message. The rows of the members a live post reached move
 * their delivered cursor to it in the same write: that is their delivery receipt, with no
 * {@code markDelivered} from their device.
 *
 * <p>Idempotent and never backwards: a row already at or past {@code seq} is left alone, and a
 * row that does not exist (a removed member) is never created.
 */
public interface MemberActivity {

    /**
     * Records message {@code seq} of the conversation, sent at {@code at}, on every member's row.
     *
     * @param delivered members (not the sender) a live post of the message reached
     * @return for each member of {@code delivered} whose row moved to {@code seq}, its read cursor now
     */
    Map<String, Long> recordMessage(String conversationId, Collection<String> members, String senderId, Set<String> delivered,
                                    long seq, Instant at, Instant now);

    /** Records the message with no delivery known (a retry of a stored send). */
    default void recordMessage(String conversationId, Collection<String> members, String senderId, long seq, Instant at,
                               Instant now) {
        recordMessage(conversationId, members, senderId, Set.of(), seq, at, now);
    }

    /** Records nothing: deployments and tests without a memberships table. */
    static MemberActivity none() {
        return (conversationId, members, senderId, delivered, seq, at, now) -> Map.of();
    }
}
