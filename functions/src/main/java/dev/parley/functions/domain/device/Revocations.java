package dev.parley.functions.domain.device;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the authorizer must know about a device before letting it connect: when the device itself
 * was last revoked, and when the user last signed out everywhere (null when never).
 */
public record Revocations(Instant deviceRevokedAt, Instant userRevokedAt) {
    public static final Revocations NONE = new Revocations(null, null);

    /**
     * Whether a token whose sign-in happened at {@code authTime} predates the device's revocation.
     * {@code auth_time} has whole seconds, so a sign-in in the same second as the revocation counts
     * as before it: refusing one sign-in too many is the safe side.
     */
    public boolean deviceRevokedSince(Instant authTime) {
        return atOrAfter(deviceRevokedAt, authTime);
    }

    /** Whether the user signed out everywhere at or after the sign-in at {@code authTime}. */
    public boolean userSignedOutSince(Instant authTime) {
        return atOrAfter(userRevokedAt, authTime);
    }

    private static boolean atOrAfter(Instant revokedAt, Instant authTime) {
        return revokedAt != null && !revokedAt.isBefore(authTime.truncatedTo(ChronoUnit.SECONDS));
    }
}
