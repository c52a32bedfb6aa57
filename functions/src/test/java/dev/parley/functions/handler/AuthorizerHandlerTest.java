package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.parley.functions.domain.device.InMemoryDeviceRegistry;
import dev.parley.functions.testing.CapturedLogs;
import dev.parley.functions.testing.JwksServer;
import dev.parley.functions.testing.LambdaJson;
import dev.parley.functions.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.parley.functions.testing.TestTokens.accessClaims;
import static dev.parley.functions.testing.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** The $connect authorizer end to end: AWS-shaped event in, IAM policy JSON out, real RS256 tokens and JWKS. */
class AuthorizerHandlerTest {
    private static final RSAKey KEY = TestTokens.newKey("key-1");
    private static final String METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:abcdef123/dev/$connect";
    private static JwksServer jwks;

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final AuthorizerHandler handler = new AuthorizerHandler(environment(jwks.uri().toString()), devices);

    @BeforeAll
    static void startJwks() throws IOException {
        jwks = new JwksServer();
        jwks.publish(KEY);
    }

    @AfterAll
    static void stopJwks() {
        jwks.close();
    }

    private static Map<String, String> environment(String jwksUrl) {
        return Map.of(
                "AWS_REGION", TestTokens.REGION,
                "USER_POOL_ID", TestTokens.POOL_ID,
                "APP_CLIENT_IDS", TestTokens.CLIENT_ID + ", " + TestTokens.OTHER_ACCEPTED_CLIENT_ID,
                "JWKS_URL", jwksUrl);
    }

    private static APIGatewayCustomAuthorizerEvent connecting(String token, String deviceId) {
        APIGatewayCustomAuthorizerEvent event = LambdaJson.event("authorizer-request.json", APIGatewayCustomAuthorizerEvent.class);
        Map<String, String> query = new HashMap<>();
        if (token != null) {
            query.put("token", token);
        }
        if (deviceId != null) {
            query.put("deviceId", deviceId);
        }
        event.setQueryStringParameters(query);
        return event;
    }

    /** The authorizer request's JSON, as API Gateway sends it, with this token and device in its query. */
    private static String connectingJson(String token, String deviceId) {
        ObjectNode event = LambdaJson.fixtureJson("authorizer-request.json");
        ObjectNode query = event.putObject("queryStringParameters");
        ObjectNode multiValueQuery = event.putObject("multiValueQueryStringParameters");
        if (token != null) {
            query.put("token", token);
            multiValueQuery.putArray("token").add(token);
        }
        if (deviceId != null) {
            query.put("deviceId", deviceId);
            multiValueQuery.putArray("deviceId").add(deviceId);
        }
        return event.toString();
    }

    @Test
    void a_valid_token_is_allowed_with_the_user_and_device_in_the_policy_context() throws IOException {
        JsonNode json = LambdaJson.invoke(handler, connectingJson(TestTokens.valid(KEY), "iphone-7f3a"));

        assertThat(json.get("principalId").asText()).isEqualTo(TestTokens.USER_ID);
        assertThat(json.at("/policyDocument/Version").asText()).isEqualTo("2012-10-17");
        JsonNode statements = json.at("/policyDocument/Statement");
        assertThat(statements).hasSize(1);
        assertThat(statements.get(0).get("Action").asText()).isEqualTo("execute-api:Invoke");
        assertThat(statements.get(0).get("Effect").asText()).isEqualTo("Allow");
        assertThat(statements.get(0).get("Resource")).hasSize(1);
        assertThat(statements.get(0).get("Resource").get(0).asText()).isEqualTo(METHOD_ARN);
        long authTime = json.at("/context/authTime").asLong();
        assertThat(authTime).isCloseTo(java.time.Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(600L));
        assertThat(json.get("context")).isEqualTo(new ObjectMapper().readTree("""
                {"userId": "%s", "deviceId": "iphone-7f3a", "username": "alice", "authTime": %d}""".formatted(TestTokens.USER_ID, authTime)));
    }

    /** LocalStack's Cognito signs with {@code http://localhost:4566/<poolId>}; CDK context cognito.issuer passes it as TOKEN_ISSUER. */
    @Test
    void a_configured_issuer_is_the_only_one_accepted() {
        String localStackIssuer = "http://localhost:4566/" + TestTokens.POOL_ID;
        Map<String, String> environment = new HashMap<>(environment(jwks.uri().toString()));
        environment.put("TOKEN_ISSUER", localStackIssuer);
        AuthorizerHandler configured = new AuthorizerHandler(environment, devices);
        Instant now = Instant.now();

        IamPolicyResponseV1 allowed = configured.handleRequest(
                connecting(sign(KEY, accessClaims(now).issuer(localStackIssuer).build()), "iphone"), null);
        assertThat(allowed.getPrincipalId()).isEqualTo(TestTokens.USER_ID);

        for (String other : List.of(TestTokens.ISSUER, localStackIssuer + "/", "http://localhost:4567/" + TestTokens.POOL_ID)) {
            assertThatThrownBy(() -> configured.handleRequest(
                    connecting(sign(KEY, accessClaims(now).issuer(other).build()), "iphone"), null))
                    .as(other).hasMessage("Unauthorized");
            assertThat(logs.lines().getLast().get("reason").asText()).as(other).startsWith("WrongIssuer");
        }
    }

    static Stream<Arguments> refusedConnections() {
        Instant now = Instant.now();
        return Stream.of(
                argumentSet("a missing token", null, "iphone", "MissingToken"),
                argumentSet("a missing deviceId", TestTokens.valid(KEY), null, "MissingDeviceId"),
                argumentSet("a deviceId with forbidden characters", TestTokens.valid(KEY), "iphone 15!", "InvalidDeviceId"),
                argumentSet("a forged signature", sign(TestTokens.newKey("key-1"), accessClaims(now).build()), "iphone", "InvalidSignature"),
                argumentSet("an expired token", sign(KEY, accessClaims(now.minus(Duration.ofHours(2)))
                        .expirationTime(Date.from(now.minus(Duration.ofMinutes(5)))).build()), "iphone", "Expired"),
                argumentSet("another app client's token", sign(KEY, accessClaims(now).claim("client_id", "other-app").build()),
                        "iphone", "WrongClient"),
                argumentSet("another pool's token", sign(KEY, accessClaims(now)
                        .issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other").build()), "iphone", "WrongIssuer"),
                argumentSet("an id token", sign(KEY, accessClaims(now).claim("token_use", "id").build()), "iphone", "WrongTokenUse"),
                argumentSet("alg none", TestTokens.unsigned(accessClaims(now).build()), "iphone", "UnacceptedAlgorithm[algorithm=none]"),
                argumentSet("HS256 keyed with the public key", TestTokens.hs256WithPublicKeyAsSecret(KEY, accessClaims(now).build()),
                        "iphone", "UnacceptedAlgorithm[algorithm=HS256]"));
    }

    @ParameterizedTest(name = "{argumentSetName} is refused with Unauthorized (401)")
    @MethodSource("refusedConnections")
    void refused_connections_get_401_and_only_the_log_says_why(String token, String deviceId, String reason) {
        assertThatThrownBy(() -> LambdaJson.invoke(handler, connectingJson(token, deviceId)))
                .isExactlyInstanceOf(RuntimeException.class)
                .hasMessage("Unauthorized");

        JsonNode refusal = logs.lines().getLast();
        assertThat(refusal.get("message").asText()).isEqualTo("connection refused");
        assertThat(refusal.get("reason").asText()).startsWith(reason);
        assertThat(refusal.get("requestId").asText()).isEqualTo("eRcq1FpCoAMFdXw=");
        if (token != null) {
            String claims = token.split("\\.")[1];
            assertThat(logs.text()).doesNotContain(token).doesNotContain(claims);
        }
    }

    /** Tokens signed by the pool's own key whose claims are missing or of the wrong JSON type. */
    static Stream<Arguments> malformedClaims() {
        Instant now = Instant.now();
        return Stream.of(
                argumentSet("no client_id", accessClaims(now).claim("client_id", null)),
                argumentSet("client_id a number", accessClaims(now).claim("client_id", 7)),
                argumentSet("exp a string", accessClaims(now).claim("exp", "tomorrow")),
                argumentSet("no exp", accessClaims(now).claim("exp", null)),
                argumentSet("nbf a string", accessClaims(now).claim("nbf", "now")),
                argumentSet("iat an object", accessClaims(now).claim("iat", Map.of("a", 1))),
                argumentSet("sub a number", accessClaims(now).claim("sub", 42)),
                argumentSet("no sub", accessClaims(now).claim("sub", null)),
                argumentSet("no token_use", accessClaims(now).claim("token_use", null)),
                argumentSet("token_use a list", accessClaims(now).claim("token_use", List.of("access"))),
                argumentSet("iss a boolean", accessClaims(now).claim("iss", true)),
                argumentSet("no username", accessClaims(now).claim("username", null)),
                argumentSet("username a number", accessClaims(now).claim("username", 5)),
                argumentSet("no auth_time", accessClaims(now).claim("auth_time", null)),
                argumentSet("auth_time a string", accessClaims(now).claim("auth_time", "yesterday")),
                argumentSet("auth_time past the end of time", accessClaims(now).claim("auth_time", Long.MAX_VALUE)),
                argumentSet("auth_time a fraction", accessClaims(now).claim("auth_time", 1.5e300)));
    }

    @ParameterizedTest(name = "a token with {argumentSetName} is refused with Unauthorized (401), not a server error")
    @MethodSource("malformedClaims")
    void a_token_whose_claims_are_missing_or_mistyped_gets_401(JWTClaimsSet.Builder claims) {
        String token = sign(KEY, claims.build());

        assertThatThrownBy(() -> handler.handleRequest(connecting(token, "iphone"), null))
                .isExactlyInstanceOf(RuntimeException.class)
                .hasMessage("Unauthorized");
        assertThat(logs.lines().getLast().get("message").asText()).isEqualTo("connection refused");
    }

    @Test
    void a_valid_token_of_a_device_revoked_since_its_sign_in_gets_an_explicit_deny_which_api_gateway_answers_403() throws IOException {
        Instant signedIn = Instant.now().minus(Duration.ofMinutes(10));
        String token = sign(KEY, accessClaims(signedIn).expirationTime(Date.from(signedIn.plus(Duration.ofHours(1)))).build());
        devices.seen(TestTokens.USER_ID, "iphone-7f3a", "ios", signedIn);
        devices.revoke(TestTokens.USER_ID, "iphone-7f3a", signedIn.plus(Duration.ofMinutes(5)));

        IamPolicyResponseV1 response = handler.handleRequest(connecting(token, "iphone-7f3a"), null);

        JsonNode json = LambdaJson.toJson(response, IamPolicyResponseV1.class);
        assertThat(json.at("/policyDocument/Statement/0/Effect").asText()).isEqualTo("Deny");
        assertThat(json.at("/policyDocument/Statement/0/Resource/0").asText()).isEqualTo(METHOD_ARN);
        assertThat(json.path("context").isMissingNode() || json.path("context").isNull() || json.path("context").isEmpty()).isTrue();
        JsonNode refusal = logs.lines().getLast();
        assertThat(refusal.get("message").asText()).isEqualTo("connection refused");
        assertThat(refusal.get("reason").asText()).startsWith("DeviceRevoked");
        assertThat(logs.text()).doesNotContain(token);
    }

    @Test
    void after_signing_out_everywhere_every_device_is_denied_until_the_user_signs_in_again() throws IOException {
        Instant signedIn = Instant.now().minus(Duration.ofMinutes(10));
        String before = sign(KEY, accessClaims(signedIn).expirationTime(Date.from(signedIn.plus(Duration.ofHours(1)))).build());
        devices.revokeAll(TestTokens.USER_ID, signedIn.plus(Duration.ofMinutes(5)));

        JsonNode denied = LambdaJson.invoke(handler, connectingJson(before, "laptop"));
        JsonNode allowed = LambdaJson.invoke(handler, connectingJson(TestTokens.valid(KEY), "laptop"));

        assertThat(denied.at("/policyDocument/Statement/0/Effect").asText()).isEqualTo("Deny");
        assertThat(logs.lines().get(logs.lines().size() - 2).get("reason").asText()).startsWith("UserSignedOut");
        assertThat(allowed.at("/policyDocument/Statement/0/Effect").asText()).isEqualTo("Allow");
    }

    @Test
    void the_jwks_is_fetched_once_across_many_connections() {
        int before = jwks.fetches();

        for (int i = 0; i < 10; i++) {
            handler.handleRequest(connecting(TestTokens.valid(KEY), "device-" + i), null);
        }

        assertThat(jwks.fetches() - before).isEqualTo(1);
    }

    @Test
    void an_unreachable_jwks_fails_the_handshake_as_a_server_error_not_as_401() throws IOException {
        String unreachable;
        try (JwksServer closed = new JwksServer()) {
            unreachable = closed.uri().toString();
        }
        AuthorizerHandler broken = new AuthorizerHandler(environment(unreachable), devices);

        assertThatThrownBy(() -> broken.handleRequest(connecting(TestTokens.valid(KEY), "iphone"), null))
                .hasMessageNotContaining("Unauthorized");
        List<JsonNode> lines = logs.lines();
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst().get("level").asText()).isEqualTo("ERROR");
        assertThat(lines.getFirst().get("requestId").asText()).isEqualTo("eRcq1FpCoAMFdXw=");
    }
}
