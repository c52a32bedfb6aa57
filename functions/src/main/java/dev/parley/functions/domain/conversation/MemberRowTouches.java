package dev.parley.functions.domain.conversation;

import java.time.Instant;
import java.util.Collection;

/**
 * Port: marks members' rows changed ({@code updatedAt}) after a membership change of their
 * conversation, so each member's devices learn the new member list from their next sync.
 */
public interface MemberRowTouches {

    /** Sets {@code updatedAt = now} on the rows of these members that exist; never creates one. */
    void touch(String conversationId, Collection<String> members, Instant now);

    /** Touches nothing: tests and deployments without sync. */
    static MemberRowTouches none() {
        return (conversationId, members, now) -> { };
    }
}
