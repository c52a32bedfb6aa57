package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Failure.InviteUnusable;
import dev.parley.functions.domain.Failure.InviteUnusable.Why;

import java.time.Instant;

/**
 * An invite link to a group: whoever holds its token may join while it is unrevoked, unexpired, under
 * {@code maxUses} and its creator is still an admin. Only the SHA-256 of its secret is stored, so a leaked
 * table never yields a working link.
 */
public record Invite(String conversationId, long inviteId, String secretHash, String createdBy, Instant createdAt,
                     Instant expiresAt, int maxUses, int uses, boolean revoked) {

    /** Why a matching invite cannot be used now, or null when it can. */
    public InviteUnusable unusableBecause(Instant now) {
        if (revoked) {
            return new InviteUnusable(Why.REVOKED, "This invite link was revoked.");
        }
        if (!now.isBefore(expiresAt)) {
            return new InviteUnusable(Why.EXPIRED, "This invite link expired at " + expiresAt + ".");
        }
        if (uses >= maxUses) {
            return new InviteUnusable(Why.USED_UP, "This invite link was used its " + maxUses + " times.");
        }
        return null;
    }

    public Invite used() {
        return new Invite(conversationId, inviteId, secretHash, createdBy, createdAt, expiresAt, maxUses, uses + 1, revoked);
    }

    public Invite withRevoked() {
        return new Invite(conversationId, inviteId, secretHash, createdBy, createdAt, expiresAt, maxUses, uses, true);
    }
}
