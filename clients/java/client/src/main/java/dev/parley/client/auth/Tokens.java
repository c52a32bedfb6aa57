package dev.parley.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.model.ProtocolCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A user's Cognito tokens: the access token (what Parley checks on connect), the refresh token
 * (to get new access tokens) and the access token's expiry. Build it from a sign-in through
 * {@link CognitoAuth}, or from tokens the app got itself (hosted UI with PKCE) with
 * {@link #fromCognito}. The SDK reads the access token's claims but never verifies them: the
 * server does.
 */
public record Tokens(String accessToken, String refreshToken, Instant accessExpiresAt, String userId) {

    public Tokens {
        if (accessToken == null || accessToken.isEmpty()) {
            throw new IllegalArgumentException("an access token is required");
        }
    }

    /** Tokens as Cognito issues them; the expiry and the user id (sub) are read from the access token. */
    public static Tokens fromCognito(String accessToken, String refreshToken) {
        JsonNode claims = claims(accessToken);
        if (!claims.path("exp").canConvertToLong() || !claims.path("sub").isTextual()) {
            throw new IllegalArgumentException("the access token has no exp or sub claim");
        }
        return new Tokens(accessToken, refreshToken, Instant.ofEpochSecond(claims.get("exp").asLong()),
                claims.get("sub").asText());
    }

    private static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("the access token is not a JWT");
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(parts[1]);
            return ProtocolCodec.instance().mapper().readTree(new String(json, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException("the access token's claims cannot be read", e);
        }
    }

    @Override
    public String toString() {
        return "Tokens[userId=" + userId + ", accessExpiresAt=" + accessExpiresAt + "]";
    }
}
