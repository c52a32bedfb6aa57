package dev.parley.client;

import dev.parley.client.store.OutboxEntry;
import dev.parley.model.ErrorCode;


/**
 * The server refused a group action ({@link Groups}) for a reason a retry cannot fix: the
 * caller's role, a tier limit, an invite link that no longer admits, or a request the server
 * calls malformed. {@link #reason()} says which, so an app branches on it, not on text;
 * {@link #serverError()} is the error frame as it came. Retryable failures (UNAVAILABLE, a lost
 * connection, a timeout) are not refusals: they stay {@link ServerError}, {@link ConnectionLost}
 * and {@link Timeout}.
 */
public final class GroupRefusal extends ParleyException {

    /** Why, from the error's code (docs/protocol.md#roles, #invite-links). */
    public enum Reason {
        /** FORBIDDEN: the caller's role does not allow it (a member adding, removing, renaming; an admin changing roles). */
        NOT_ALLOWED,
        /** FORBIDDEN on a send: a plain member posted to an announcement group ({@code postPolicy: "admins"}). */
        ANNOUNCEMENT_ONLY,
        /** NOT_FOUND: no such group, or the caller is not (or no longer) a member of it. */
        NOT_FOUND,
        /** LIMIT_EXCEEDED: the group is full (10,000 members), has 64 admins, or an E2EE group would pass 64. */
        LIMIT_EXCEEDED,
        /** BAD_REQUEST: a malformed id or token, a bound, a direct conversation, demoting the last admin, an unknown invite id. */
        BAD_REQUEST,
        /** joinByInvite FORBIDDEN: no such link, or a wrong secret (the server answers both alike). */
        INVITE_NOT_VALID,
        INVITE_EXPIRED,
        INVITE_REVOKED,
        /** The link was used its {@code maxUses} times. */
        INVITE_USED_UP,
        /** The link ended when its creator stopped being an admin of the group. */
        INVITE_CREATOR_NOT_ADMIN
    }

    private final Reason reason;
    private final ServerError serverError;

    GroupRefusal(Reason reason, ServerError serverError) {
        super(reason + ": " + serverError.serverMessage(), serverError);
        this.reason = reason;
        this.serverError = serverError;
    }

    public Reason reason() {
        return reason;
    }

    public ServerError serverError() {
        return serverError;
    }

    @Override
    public boolean retryable() {
        return false;
    }

    /**
     * The failure as a refusal when its code is one, else unchanged (unwrapped). {@code joining}:
     * it answers joinByInvite, whose FORBIDDEN is about the link, told apart by its {@code details.reason}.
     */
    static Throwable of(Throwable failure, boolean joining) {
        Throwable cause = unwrap(failure);
        if (!(cause instanceof ServerError error) || error.code() == null) {
            return cause;
        }
        Reason reason = switch (error.code()) {
            case FORBIDDEN -> joining ? inviteReason(error) : Reason.NOT_ALLOWED;
            case NOT_FOUND -> Reason.NOT_FOUND;
            case LIMIT_EXCEEDED -> Reason.LIMIT_EXCEEDED;
            case BAD_REQUEST -> Reason.BAD_REQUEST;
            default -> null;
        };
        return reason == null ? cause : new GroupRefusal(reason, error);
    }

    /**
     * Why the outbox gave up on a message, when a group rule is why: FORBIDDEN on a send is only
     * ever the announcement rule; NOT_FOUND means the user is no longer a member.
     */
    public static java.util.Optional<Reason> of(OutboxEntry.Stuck stuck) {
        if (stuck == null || stuck.code() == null) {
            return java.util.Optional.empty();
        }
        if (stuck.code() == ErrorCode.FORBIDDEN) {
            return java.util.Optional.of(Reason.ANNOUNCEMENT_ONLY);
        }
        return stuck.code() == ErrorCode.NOT_FOUND ? java.util.Optional.of(Reason.NOT_FOUND) : java.util.Optional.empty();
    }

    /** joinByInvite's FORBIDDEN names why in {@code details.reason} (protocol.md, Invite links). */
    private static Reason inviteReason(ServerError error) {
        String reason = error.details() == null ? "" : error.details().path("reason").asText("");
        return switch (reason) {
            case "revoked" -> Reason.INVITE_REVOKED;
            case "expired" -> Reason.INVITE_EXPIRED;
            case "usedUp" -> Reason.INVITE_USED_UP;
            case "creatorNotAdmin" -> Reason.INVITE_CREATOR_NOT_ADMIN;
            default -> Reason.INVITE_NOT_VALID;
        };
    }
}
