package dev.parley.client.auth;

/**
 * Cognito refused the credentials: a wrong password or TOTP code, or a refresh token that was
 * revoked (global sign-out) or expired. Only signing in again helps, so the connection manager
 * turns it into {@code SignedOut}, never into a retry. Network trouble is an IOException instead.
 */
public final class AuthException extends Exception {
    private final String cognitoError;

    public AuthException(String cognitoError, String message) {
        super(cognitoError + ": " + message);
        this.cognitoError = cognitoError;
    }

    /** Cognito's error type, such as {@code NotAuthorizedException}. */
    public String cognitoError() {
        return cognitoError;
    }
}
