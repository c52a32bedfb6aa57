package dev.parley.localenv.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/**
 * The web client's {@code /config.json}: where to connect and how to sign in. On AWS the same file
 * is written next to the static files by whoever hosts them, with the stack's outputs and
 * {@code https://cognito-idp.{region}.amazonaws.com/} as {@code cognitoEndpoint}.
 *
 * @param webSocketUrl     the stage's WebSocket URL, without query string
 * @param region           the user pool's region
 * @param cognitoEndpoint  where the browser sends Cognito's JSON API calls (locally moto, which answers CORS)
 * @param userPoolId       the user pool
 * @param userPoolClientId the app client the browser signs in with ({@code USER_PASSWORD_AUTH})
 * @param auth             {@code "password"} (the client's own sign-in form); hosted UI / OAuth2 arrive later
 * @param demoUsers        local only: the demo users' names, offered on the sign-in form
 * @param demoPassword     local only: their password, shown as a hint on the sign-in form
 */
public record WebClientConfig(String webSocketUrl, String region, String cognitoEndpoint, String userPoolId,
                              String userPoolClientId, String auth, List<String> demoUsers,
                              String demoPassword) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
