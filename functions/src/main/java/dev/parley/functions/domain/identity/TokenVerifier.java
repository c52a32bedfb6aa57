package dev.parley.functions.domain.identity;

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

    record Verified(String userId, String username) implements TokenVerification {
    }

    record Rejected(RejectionReason reason) implements TokenVerification {
    }
}
