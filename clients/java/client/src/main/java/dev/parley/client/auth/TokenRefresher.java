package dev.parley.client.auth;

import java.io.IOException;

/** Gets fresh tokens for a refresh token; {@link CognitoAuth} is the one for Cognito. */
public interface TokenRefresher {
    /**
     * @throws AuthException the refresh token no longer works: the user must sign in again
     * @throws IOException   the refresh could not be made now (network, server): retry later
     */
    Tokens refresh(String refreshToken) throws AuthException, IOException;
}
