package dev.parley.functions.domain.conversation;

import java.time.Instant;

/**
 * One use of an invite, counted in the same write as the join it admits: it holds while the invite still exists with
 * this secret hash, is unrevoked, unexpired at {@code at} and under its maximum uses.
 */
public record InviteUse(String conversationId, long inviteId, String secretHash, Instant at) {
}
