package dev.parley.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Parley deployment the black-box tests talk to. Chosen, in this order, by:
 * <ol>
 *   <li>{@code PARLEY_WS_URL} (a deployed stage or LocalStack), with {@code PARLEY_REGION},
 *       {@code PARLEY_USER_POOL_CLIENT_ID}, {@code PARLEY_TEST_USERS} ({@code user:password,...},
 *       users that already exist in the pool) and, for LocalStack, {@code PARLEY_COGNITO_ENDPOINT}
 *       ({@code http://localhost:4566});</li>
 *   <li>an endpoints file written by local-env: system property {@code parley.endpoints} or
 *       environment {@code PARLEY_ENDPOINTS};</li>
 *   <li>{@code local-env/target/endpoints.json}, written by a running {@code ./parley local}.</li>
 * </ol>
 */
public record TargetStack(URI webSocketUrl, String region, String userPoolClientId,
                          Optional<URI> cognitoEndpoint, Map<String, String> users, Map<String, String> totpSecrets,
                          Optional<String> userPoolId, Optional<URI> pushesUrl) {

    public static TargetStack fromEnvironment() {
        String wsUrl = System.getenv("PARLEY_WS_URL");
        if (wsUrl != null && !wsUrl.isBlank()) {
            return new TargetStack(URI.create(wsUrl), required("PARLEY_REGION"), required("PARLEY_USER_POOL_CLIENT_ID"),
                    Optional.ofNullable(System.getenv("PARLEY_COGNITO_ENDPOINT")).filter(s -> !s.isBlank()).map(URI::create),
                    parseUsers(required("PARLEY_TEST_USERS")),
                    parseUsers(Optional.ofNullable(System.getenv("PARLEY_TEST_TOTP_USERS")).orElse("")),
                    Optional.ofNullable(System.getenv("PARLEY_USER_POOL_ID")).filter(s -> !s.isBlank()), Optional.empty());
        }
        return fromEndpointsFile(endpointsFile());
    }

    private static Path endpointsFile() {
        String configured = System.getProperty("parley.endpoints");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("PARLEY_ENDPOINTS");
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of("..", "local-env", "target", "endpoints.json").toAbsolutePath().normalize();
    }

    static TargetStack fromEndpointsFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No target for the integration tests: " + file + " does not exist. "
                    + "Start ./parley local, or run ./parley test, or set PARLEY_WS_URL (see integration-tests/README.md).");
        }
        try {
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            Map<String, String> users = new LinkedHashMap<>();
            Map<String, String> totpSecrets = new LinkedHashMap<>();
            json.path("demoUsers").forEach(u -> {
                users.put(u.path("username").asText(), u.path("password").asText());
                if ("TOTP".equals(u.path("mfa").asText()) && u.hasNonNull("totpSecret")) {
                    totpSecrets.put(u.path("username").asText(), u.path("totpSecret").asText());
                }
            });
            return new TargetStack(URI.create(json.path("webSocketUrl").asText()), json.path("region").asText(),
                    json.path("userPoolClientId").asText(), Optional.of(URI.create(json.path("awsEndpoint").asText())), users,
                    totpSecrets, Optional.of(json.path("userPoolId").asText()).filter(id -> !id.isEmpty()),
                    Optional.of(json.path("pushesUrl").asText()).filter(url -> !url.isEmpty()).map(URI::create));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " must be set when PARLEY_WS_URL selects a remote target");
        }
        return value;
    }

    private static Map<String, String> parseUsers(String spec) {
        Map<String, String> users = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                users.put(pair.substring(0, colon).trim(), pair.substring(colon + 1));
            }
        }
        return users;
    }

    /** The name of the n-th test user (0-based), so tests need not know the demo users' names. */
    public String user(int index) {
        if (index >= users.size()) {
            throw new IllegalStateException("The target has " + users.size() + " test users; a test needs " + (index + 1));
        }
        return users.keySet().stream().skip(index).findFirst().orElseThrow();
    }

    /**
     * A test user enrolled in TOTP MFA (locally the demo user dave; remotely one listed in
     * {@code PARLEY_TEST_TOTP_USERS} as {@code user:base32secret}, and also in PARLEY_TEST_USERS).
     */
    public Optional<String> totpUser() {
        return totpSecrets.keySet().stream().filter(users::containsKey).findFirst();
    }

    /**
     * Signs the user in with Cognito's USER_PASSWORD_AUTH flow and returns the access token; a TOTP
     * user answers the SOFTWARE_TOKEN_MFA challenge with the current code of their secret.
     */
    public String accessToken(String username) {
        String password = users.get(username);
        if (password == null) {
            throw new IllegalArgumentException("No password known for test user " + username);
        }
        CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
                .region(Region.of(region))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create());
        cognitoEndpoint.ifPresent(builder::endpointOverride);
        try (CognitoIdentityProviderClient cognito = builder.build()) {
            InitiateAuthResponse started = cognito.initiateAuth(r -> r.clientId(userPoolClientId)
                    .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
            if (started.challengeName() == null) {
                return started.authenticationResult().accessToken();
            }
            String secret = totpSecrets.get(username);
            if (started.challengeName() != ChallengeNameType.SOFTWARE_TOKEN_MFA || secret == null) {
                throw new IllegalStateException("Cognito answered " + username + " with a challenge the tests cannot answer: "
                        + started.challengeNameAsString());
            }
            return cognito.respondToAuthChallenge(r -> r.clientId(userPoolClientId).session(started.session())
                            .challengeName(ChallengeNameType.SOFTWARE_TOKEN_MFA)
                            .challengeResponses(Map.of("USERNAME", username, "SOFTWARE_TOKEN_MFA_CODE", Totp.currentCode(secret))))
                    .authenticationResult().accessToken();
        }
    }

    /**
     * A new account made as an administrator would (AdminCreateUser, AdminSetUserPassword), for a
     * test that deletes it; empty when the target names no user pool (remotely: PARLEY_USER_POOL_ID,
     * with AWS credentials allowed to create users). Locally moto takes any credentials.
     */
    public Optional<TestUsers.TestUser> newAccount(String prefix) {
        if (userPoolId.isEmpty()) {
            return Optional.empty();
        }
        String pool = userPoolId.get();
        String username = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String password = "Pw-" + java.util.UUID.randomUUID() + "-A1";
        CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create());
        cognitoEndpoint.ifPresent(endpoint -> builder.endpointOverride(endpoint).credentialsProvider(
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("testing", "testing"))));
        try (CognitoIdentityProviderClient cognito = builder.build()) {
            cognito.adminCreateUser(r -> r.userPoolId(pool).username(username).messageAction("SUPPRESS"));
            cognito.adminSetUserPassword(r -> r.userPoolId(pool).username(username).password(password).permanent(true));
            String sub = cognito.adminGetUser(r -> r.userPoolId(pool).username(username)).userAttributes().stream()
                    .filter(attribute -> attribute.name().equals("sub")).findFirst().orElseThrow().value();
            users.put(username, password);
            return Optional.of(new TestUsers.TestUser(username, accessToken(username), sub));
        }
    }

    /** The connect URL for a device that says which platform it is ({@code ios}, {@code android}, {@code web}). */
    public URI connectUrl(String token, String deviceId, String platform) {
        URI url = connectUrl(token, deviceId);
        return URI.create(url + (url.toString().contains("?") ? "&" : "?") + "platform="
                + java.net.URLEncoder.encode(platform, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The connect URL for a user's device, with the token and device id as query parameters. */
    public URI connectUrl(String token, String deviceId) {
        StringBuilder query = new StringBuilder();
        if (token != null) {
            query.append("token=").append(java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (deviceId != null) {
            query.append(query.isEmpty() ? "" : "&").append("deviceId=")
                    .append(java.net.URLEncoder.encode(deviceId, java.nio.charset.StandardCharsets.UTF_8));
        }
        String base = webSocketUrl.toString();
        return URI.create(query.isEmpty() ? base : base + (base.contains("?") ? "&" : "?") + query);
    }
}
