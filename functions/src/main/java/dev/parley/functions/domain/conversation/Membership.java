package dev.parley.functions.domain.conversation;

import java.time.Instant;

/**
 * A user's own side of a conversation. The cursors are sequence numbers: everything up to
 * {@code readSeq} was read, everything up to {@code deliveredSeq} reached a device. Receipts move
 * them (a later issue); a new member starts at 0.
 */
public record Membership(String userId, String conversationId, Role role, Instant joinedAt, long readSeq, long deliveredSeq) {

    public static Membership joined(String userId, String conversationId, Role role, Instant at) {
        return new Membership(userId, conversationId, role, at, 0, 0);
    }
}
