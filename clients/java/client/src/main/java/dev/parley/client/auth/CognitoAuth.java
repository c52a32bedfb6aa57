package dev.parley.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.ProtocolCodec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Cognito's user pool API (InitiateAuth, RespondToAuthChallenge) over OkHttp: password sign-in
 * with an optional TOTP challenge, and refresh. These calls need no AWS credentials. Apps that
 * sign in through the hosted UI with PKCE get their tokens themselves and pass them to
 * {@link Tokens#fromCognito}; refreshing those works here too (same app client).
 */
public final class CognitoAuth implements TokenRefresher {
    private static final MediaType AMZ_JSON = MediaType.get("application/x-amz-json-1.1");
    private static final ObjectMapper JSON = ProtocolCodec.instance().mapper();

    private final OkHttpClient http;
    private final String endpoint;
    private final String clientId;

    /**
     * @param endpoint {@code https://cognito-idp.<region>.amazonaws.com/}, or the local cloud's
     *                 AWS endpoint
     * @param clientId the user pool app client id (without a client secret, as mobile clients are)
     */
    public CognitoAuth(OkHttpClient http, String endpoint, String clientId) {
        this.http = http;
        this.endpoint = endpoint;
        this.clientId = clientId;
    }

    public static String regionalEndpoint(String region) {
        return "https://cognito-idp." + region + ".amazonaws.com/";
    }

    /**
     * Signs in with USER_PASSWORD_AUTH. A user enrolled in TOTP gets the SOFTWARE_TOKEN_MFA
     * challenge, answered with {@code totpCode} (asked only then; null when the app has no way
     * to ask, which then fails with an AuthException).
     */
    public Tokens signIn(String username, String password, Supplier<String> totpCode) throws AuthException, IOException {
        ObjectNode request = JSON.createObjectNode().put("ClientId", clientId).put("AuthFlow", "USER_PASSWORD_AUTH");
        request.putObject("AuthParameters").put("USERNAME", username).put("PASSWORD", password);
        JsonNode answer = call("InitiateAuth", request);
        if (answer.hasNonNull("ChallengeName")) {
            String challenge = answer.get("ChallengeName").asText();
            if (!"SOFTWARE_TOKEN_MFA".equals(challenge) || totpCode == null) {
                throw new AuthException("UnsupportedChallenge", "Cognito asked for " + challenge);
            }
            ObjectNode respond = JSON.createObjectNode().put("ClientId", clientId)
                    .put("ChallengeName", challenge).put("Session", answer.path("Session").asText());
            respond.putObject("ChallengeResponses").put("USERNAME", username).put("SOFTWARE_TOKEN_MFA_CODE", totpCode.get());
            answer = call("RespondToAuthChallenge", respond);
        }
        return tokens(answer, null);
    }

    @Override
    public Tokens refresh(String refreshToken) throws AuthException, IOException {
        ObjectNode request = JSON.createObjectNode().put("ClientId", clientId).put("AuthFlow", "REFRESH_TOKEN_AUTH");
        request.putObject("AuthParameters").put("REFRESH_TOKEN", refreshToken);
        return tokens(call("InitiateAuth", request), refreshToken);
    }

    private static Tokens tokens(JsonNode answer, String refreshToken) throws AuthException {
        JsonNode result = answer.path("AuthenticationResult");
        if (!result.path("AccessToken").isTextual()) {
            throw new AuthException("NoTokens", "Cognito's answer holds no access token");
        }
        String refresh = result.path("RefreshToken").isTextual() ? result.get("RefreshToken").asText() : refreshToken;
        return Tokens.fromCognito(result.get("AccessToken").asText(), refresh);
    }

    private JsonNode call(String operation, ObjectNode body) throws AuthException, IOException {
        Request request = new Request.Builder().url(endpoint)
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation)
                .post(RequestBody.create(JSON.writeValueAsString(body), AMZ_JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody responseBody = response.body();
            String text = responseBody == null ? "" : responseBody.string();
            JsonNode json = text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
            if (response.isSuccessful()) {
                return json;
            }
            String type = json.path("__type").asText(json.path("code").asText("HTTP" + response.code()));
            type = type.substring(type.indexOf('#') + 1);
            String message = json.path("message").asText(json.path("Message").asText(""));
            // Client errors are answers about the credentials; 5xx and throttling are "try again later".
            if (response.code() >= 500 || type.contains("TooManyRequests") || type.contains("Throttl")
                    || type.contains("InternalError")) {
                throw new IOException("Cognito " + operation + " failed (" + response.code() + " " + type + "): " + message);
            }
            throw new AuthException(type, message);
        }
    }
}
