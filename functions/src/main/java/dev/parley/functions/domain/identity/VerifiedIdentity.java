package dev.parley.functions.domain.identity;

import java.time.Instant;

/**
 * Who is connecting, as proven by the token, and from which of their devices (as the client says).
 *
 * @param userId   the token's {@code sub}: stable for the life of the user
 * @param username the token's {@code username}: for display, may change
 * @param authTime the token's {@code auth_time}: the sign-in the token (and every refresh of it) comes from
 */
public record VerifiedIdentity(String userId, String username, String deviceId, Instant authTime) {
}
