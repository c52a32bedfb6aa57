package dev.parley.functions.domain.message;

import java.time.Instant;
import java.util.Collection;

/**
 * Port: each member's row learns about a stored message ({@code lastSeq}, {@code lastActivityAt},
 * {@code updatedAt}), so sync, unread counts and badges read what changed instead of every
 * conversation's timeline. The sender's row also moves its read and delivered cursors to the
 * message: a sender has read their own message.
 *
 * <p>Idempotent and never backwards: a row already at or past {@code seq} is left alone, and a
 * row that does not exist (a removed member) is never created.
 */
public interface MemberActivity {

    /** Records message {@code seq} of the conversation, sent at {@code at}, on every member's row. */
    void recordMessage(String conversationId, Collection<String> members, String senderId, long seq, Instant at, Instant now);

    /** Records nothing: deployments and tests without a memberships table. */
    static MemberActivity none() {
        return (conversationId, members, senderId, seq, at, now) -> { };
    }
}
