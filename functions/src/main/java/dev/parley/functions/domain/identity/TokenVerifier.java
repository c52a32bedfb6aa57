package dev.parley.functions.domain.identity;

import java.time.Instant;

/** Checks a bearer token and says whose it is. */
public interface TokenVerifier {

    /**
     * @return the token's user, or why it is refused
     * @throws SigningKeysUnavailableException when the keys cannot be fetched: a server-side
     *         fault, not the client's
     */
    TokenVerification verify(String token);

    sealed interface TokenVerification {
    }

    /** @param authTime the token's {@code auth_time}: when the user signed in; refreshed tokens keep it */
    record Verified(String userId, String username, Instant authTime) implements TokenVerification {
    }

    record Rejected(RejectionReason reason) implements TokenVerification {
    }
}
