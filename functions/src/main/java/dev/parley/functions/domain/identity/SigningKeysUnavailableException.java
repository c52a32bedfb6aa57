package dev.parley.functions.domain.identity;

/** The identity provider's signing keys could not be read, so no token can be checked right now. */
public final class SigningKeysUnavailableException extends RuntimeException {
    public SigningKeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
