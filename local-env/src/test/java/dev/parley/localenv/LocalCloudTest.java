package dev.parley.localenv;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.localenv.provision.DemoUser;
import dev.parley.localenv.provision.Totp;
import dev.parley.localenv.provision.ProvisioningClients;
import dev.parley.localenv.template.CloudTemplate;
import dev.parley.model.ErrorCode;
import dev.parley.model.Frame;
import dev.parley.model.ProtocolCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import dev.parley.localenv.moto.SdkSystemProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The whole local cloud from the REAL synthesized template: moto, provisioning, the gateway and the
 * real handlers, reached over real sockets with real Cognito tokens.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalCloudTest {
    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(10);

    private static RunningCloud cloud;
    private static ProvisioningClients aws;
    private static String connectionsTable;
    private static String aliceToken;
    private static JWTClaimsSet aliceClaims;

    @BeforeAll
    static void startFromTheSynthesizedTemplate() throws Exception {
        ProjectLayout layout = ProjectLayout.find();
        Path template = layout.template();
        assumeThat(Files.isRegularFile(template))
                .as("no synthesized template at %s: build infra-cdk first (./parley build)", template).isTrue();
        cloud = LocalCloud.start(LocalCloudOptions.defaults(layout).onFreePorts()
                .withEndpointsFile(layout.localEnvTarget().resolve("endpoints-test.json")));
        aws = ProvisioningClients.forRegion(Region.of(cloud.endpoints().region()));
        String tableId = CloudTemplate.read(template).resourcesOfType("AWS::DynamoDB::Table").keySet().iterator().next();
        connectionsTable = cloud.physicalIds().ref(tableId).orElseThrow();
        aliceToken = signIn(cloud.endpoints().userPoolClientId(), cloud.endpoints().demoUsers().getFirst());
        aliceClaims = SignedJWT.parse(aliceToken).getJWTClaimsSet();
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            aws.close();
            cloud.close();
        }
    }

    @Test
    @Order(2)
    void every_sqs_event_source_mapping_of_the_template_is_polled_and_every_queue_exists() {
        CloudTemplate template = CloudTemplate.read(ProjectLayout.find().template());

        assertThat(cloud.sqsEventSources()).isEqualTo(template.resourcesOfType("AWS::Lambda::EventSourceMapping").size());
        template.resourcesOfType("AWS::SQS::Queue").keySet().forEach(queue ->
                assertThat(aws.sqs().getQueueAttributes(r -> r.queueUrl(cloud.physicalIds().ref(queue).orElseThrow()))
                        .sdkHttpResponse().isSuccessful()).as(queue).isTrue());
    }

    @Test
    @Order(1)
    void endpoints_json_says_where_everything_is_and_who_can_sign_in() {
        Endpoints written = Endpoints.readFrom(cloud.endpointsFile());

        assertThat(written).isEqualTo(cloud.endpoints());
        assertThat(written.webSocketUrl()).matches("ws://localhost:\\d+/" + written.stage());
        assertThat(written.connectionsUrl()).matches("http://localhost:\\d+/" + written.stage() + "/@connections");
        assertThat(written.awsEndpoint()).matches("http://localhost:\\d+");
        assertThat(written.pushesUrl()).isEqualTo(written.awsEndpoint() + "/_parley/pushes");
        assertThat(written.userPoolId()).startsWith(written.region() + "_");
        assertThat(written.demoUsers()).extracting(DemoUser.Login::username).containsExactly("alice", "bob", "carol", "dave");
        assertThat(written.demoUsers()).filteredOn(user -> user.mfa() != null).singleElement().satisfies(dave -> {
            assertThat(dave.username()).isEqualTo("dave");
            assertThat(dave.mfa()).isEqualTo("TOTP");
            assertThat(dave.totpSecret()).isEqualTo(Totp.MOTO_SECRET);
        });
    }

    @Test
    @Order(2)
    void alice_connects_with_her_token_and_her_connection_is_registered_until_she_closes() throws Exception {
        JdkWebSocket socket = JdkWebSocket.connect(webSocket(aliceToken, "phone-1"));

        Map<String, AttributeValue> registered = connectionsOf(aliceClaims.getSubject());
        assertThat(registered.entrySet()).singleElement().satisfies(connection -> {
            assertThat(connection.getKey()).startsWith("c#");
            assertThat(connection.getValue().m().get("deviceId").s()).isEqualTo("phone-1");
        });

        socket.close();

        eventually(() -> assertThat(connectionsOf(aliceClaims.getSubject())).as("after $disconnect").isEmpty());
    }

    @Test
    @Order(3)
    void an_unknown_action_gets_an_UNKNOWN_ACTION_error_for_its_request_id() throws Exception {
        JdkWebSocket socket = JdkWebSocket.connect(webSocket(aliceToken, "phone-1"));
        try {
            socket.send("{\"action\":\"nope\",\"requestId\":\"1\"}");

            Frame frame = ProtocolCodec.instance().decodeFrame(socket.next(FRAME_TIMEOUT));

            assertThat(frame).isInstanceOfSatisfying(Frame.Error.class, error -> {
                assertThat(error.requestId()).isEqualTo("1");
                assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_ACTION);
            });
        } finally {
            socket.close();
        }
    }

    @Test
    @Order(3)
    void dave_signs_in_through_the_TOTP_challenge_and_connects() throws Exception {
        DemoUser.Login dave = cloud.endpoints().demoUsers().stream().filter(u -> "TOTP".equals(u.mfa())).findFirst().orElseThrow();
        String clientId = cloud.endpoints().userPoolClientId();

        InitiateAuthResponse started = aws.cognito().initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", dave.username(), "PASSWORD", dave.password())));
        assertThat(started.challengeName()).isEqualTo(ChallengeNameType.SOFTWARE_TOKEN_MFA);
        assertThat(started.authenticationResult()).as("no token before the second factor").isNull();

        String token = aws.cognito().respondToAuthChallenge(r -> r.clientId(clientId).session(started.session())
                        .challengeName(ChallengeNameType.SOFTWARE_TOKEN_MFA)
                        .challengeResponses(Map.of("USERNAME", dave.username(),
                                "SOFTWARE_TOKEN_MFA_CODE", Totp.currentCode(dave.totpSecret()))))
                .authenticationResult().accessToken();

        JdkWebSocket socket = JdkWebSocket.connect(webSocket(token, "authenticator-phone"));
        try {
            socket.send("{\"action\":\"ping\",\"requestId\":\"1\"}");
            assertThat(ProtocolCodec.instance().decodeFrame(socket.next(FRAME_TIMEOUT))).isInstanceOf(Frame.Reply.class);
        } finally {
            socket.close();
        }
    }

    @Test
    @Order(3)
    void a_wrong_TOTP_code_is_refused() {
        DemoUser.Login dave = cloud.endpoints().demoUsers().stream().filter(u -> "TOTP".equals(u.mfa())).findFirst().orElseThrow();
        String clientId = cloud.endpoints().userPoolClientId();
        InitiateAuthResponse started = aws.cognito().initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", dave.username(), "PASSWORD", dave.password())));
        String wrong = Totp.currentCode(dave.totpSecret()).equals("000000") ? "111111" : "000000";

        assertThatThrownBy(() -> aws.cognito().respondToAuthChallenge(r -> r.clientId(clientId).session(started.session())
                .challengeName(ChallengeNameType.SOFTWARE_TOKEN_MFA)
                .challengeResponses(Map.of("USERNAME", dave.username(), "SOFTWARE_TOKEN_MFA_CODE", wrong))))
                .isInstanceOf(CodeMismatchException.class);
    }

    @Test
    @Order(4)
    void the_token_tool_answers_daves_TOTP_challenge() throws Exception {
        ProcessBuilder command = new ProcessBuilder("python3",
                ProjectLayout.find().root().resolve("local-env/src/main/python/token.py").toString(), "dave").redirectErrorStream(true);
        command.environment().put("PARLEY_ENDPOINTS", cloud.endpointsFile().toString());
        Process tool = command.start();
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(tool.waitFor()).as(output).isZero();

        JdkWebSocket.connect(webSocket(output, "tablet-1")).close();
    }

    @Test
    @Order(4)
    void the_token_tool_prints_a_token_that_connects() throws Exception {
        ProcessBuilder command = new ProcessBuilder("python3",
                ProjectLayout.find().root().resolve("local-env/src/main/python/token.py").toString(), "bob").redirectErrorStream(true);
        command.environment().put("PARLEY_ENDPOINTS", cloud.endpointsFile().toString());
        Process tool = command.start();
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(tool.waitFor()).as(output).isZero();

        JdkWebSocket.connect(webSocket(output, "laptop-1")).close();
    }

    @Test
    @Order(5)
    void a_token_minted_with_the_pools_key_connects_so_each_refusal_below_is_about_what_it_changes() throws Exception {
        String minted = signedWith(motoSigningKey(), claims(Instant.now().plusSeconds(600)));

        JdkWebSocket.connect(webSocket(minted, "phone-1")).close();
    }

    static Stream<Named<String>> refusedHandshakes() throws Exception {
        String deviceId = "phone-1";
        return Stream.of(
                Named.of("no token", "?deviceId=" + deviceId),
                Named.of("a missing deviceId", "?token=" + aliceToken),
                Named.of("an invalid deviceId", query(aliceToken, "has spaces and / slashes")),
                Named.of("a forged signature", query(signedWith(freshKey(), claims(Instant.now().plusSeconds(600))), deviceId)),
                Named.of("an expired token signed by the pool's key", query(signedWith(motoSigningKey(), claims(Instant.now().minusSeconds(600))), deviceId)),
                Named.of("a token for another app client", query(tokenFromAnotherClient(), deviceId)),
                Named.of("alg none", query(new PlainJWT(claims(Instant.now().plusSeconds(600))).serialize(), deviceId)));
    }

    @ParameterizedTest(name = "{0} is refused with 401")
    @MethodSource("refusedHandshakes")
    @Order(6)
    void a_handshake_without_valid_credentials_is_refused_with_401(String query) throws Exception {
        URI uri = URI.create(cloud.endpoints().webSocketUrl() + query);

        assertThat(JdkWebSocket.refusedStatus(uri)).isEqualTo(401);
    }

    /**
     * Through the AWS endpoint clients are given (moto behind the user pool triggers): the demo users
     * are in the directory before any of them connects, a user who signs up is findable once
     * confirmed, and one an administrator created once they sign in. No one here but alice connects.
     */
    @Test
    @Order(6)
    void users_are_findable_from_sign_up_not_from_their_first_connection() throws Exception {
        String poolId = cloud.endpoints().userPoolId();
        String clientId = cloud.endpoints().userPoolClientId();
        String dana = "dana-" + UUID.randomUUID().toString().substring(0, 8);
        String erin = "erin-" + UUID.randomUUID().toString().substring(0, 8);
        String password = cloud.endpoints().demoUsers().getFirst().password();
        try (CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(cloud.endpoints().awsEndpoint()))
                .region(Region.of(cloud.endpoints().region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        SdkSystemProperties.ACCESS_KEY_ID, SdkSystemProperties.SECRET_ACCESS_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
             JdkWebSocket alice = JdkWebSocket.connect(webSocket(aliceToken, "phone-directory"))) {
            cognito.signUp(r -> r.clientId(clientId).username(dana).password(password)
                    .userAttributes(AttributeType.builder().name("email").value(dana + "@example.com").build()));

            assertThat(findUsers(alice, "bob", "carol", dana)).as("before dana confirms").containsOnlyKeys("bob", "carol");

            cognito.adminConfirmSignUp(r -> r.userPoolId(poolId).username(dana));
            String danaId = cognito.adminGetUser(r -> r.userPoolId(poolId).username(dana)).userAttributes().stream()
                    .filter(attribute -> attribute.name().equals("sub")).findFirst().orElseThrow().value();

            assertThat(findUsers(alice, dana)).as("once dana confirmed").containsExactly(Map.entry(dana, danaId));

            cognito.adminCreateUser(r -> r.userPoolId(poolId).username(erin).messageAction(MessageActionType.SUPPRESS));
            cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username(erin).password(password).permanent(true));

            assertThat(findUsers(alice, erin)).as("Cognito runs no post-confirmation for an admin-created user").isEmpty();

            cognito.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", erin, "PASSWORD", password)));

            assertThat(findUsers(alice, erin)).as("once erin signed in").containsOnlyKeys(erin);
        }
    }

    /** findUsers over the socket: username to user id of every match. */
    private static Map<String, String> findUsers(JdkWebSocket socket, String... usernames) throws Exception {
        String requestId = UUID.randomUUID().toString();
        socket.send(ProtocolCodec.instance().mapper().createObjectNode().put("action", "findUsers").put("requestId", requestId)
                .set("usernames", ProtocolCodec.instance().mapper().valueToTree(usernames)).toString());
        Frame frame = ProtocolCodec.instance().decodeFrame(socket.next(FRAME_TIMEOUT));
        assertThat(frame).isInstanceOf(Frame.Reply.class);
        Frame.Reply reply = (Frame.Reply) frame;
        assertThat(reply.requestId()).isEqualTo(requestId);
        Map<String, String> found = new java.util.LinkedHashMap<>();
        reply.payload().path("users").forEach(user -> found.put(user.path("username").asText(), user.path("userId").asText()));
        return found;
    }

    @Test
    @Order(7)
    void closing_the_cloud_stops_moto_and_removes_endpoints_json() {
        URI moto = URI.create(cloud.endpoints().awsEndpoint());

        cloud.close();

        assertThat(cloud.endpointsFile()).doesNotExist();
        assertThat(listening(moto)).isFalse();
    }

    private static URI webSocket(String token, String deviceId) {
        return URI.create(cloud.endpoints().webSocketUrl() + query(token, deviceId));
    }

    private static String query(String token, String deviceId) {
        return "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&deviceId=" + URLEncoder.encode(deviceId, StandardCharsets.UTF_8);
    }

    private static Map<String, AttributeValue> connectionsOf(String userId) {
        Map<String, AttributeValue> item = aws.dynamoDb().getItem(r -> r.tableName(connectionsTable).consistentRead(true)
                .key(Map.of("userId", AttributeValue.fromS(userId)))).item();
        return item.entrySet().stream().filter(e -> e.getKey().startsWith("c#"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static void eventually(Runnable assertion) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
    }

    private static String signIn(String clientId, DemoUser.Login user) {
        return aws.cognito().initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", user.username(), "PASSWORD", user.password()))).authenticationResult().accessToken();
    }

    /** A real token, from a second app client of the same pool that the authorizer does not accept. */
    private static String tokenFromAnotherClient() {
        String otherClient = aws.cognito().createUserPoolClient(r -> r.userPoolId(cloud.endpoints().userPoolId())
                .clientName("not-parley-" + UUID.randomUUID())
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH)).userPoolClient().clientId();
        return signIn(otherClient, cloud.endpoints().demoUsers().getFirst());
    }

    /** Alice's real claims with another expiry. */
    private static JWTClaimsSet claims(Instant expiresAt) {
        return new JWTClaimsSet.Builder(aliceClaims)
                .issueTime(Date.from(expiresAt.minusSeconds(3600)))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
    }

    private static String signedWith(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey freshKey() throws Exception {
        return new RSAKeyGenerator(2048).keyID(SignedJWT.parse(aliceToken).getHeader().getKeyID()).generate();
    }

    /** moto signs every pool's tokens with one key shipped in its package: with it a test can mint a validly signed token. */
    private static RSAKey motoSigningKey() throws Exception {
        Path lib = ProjectLayout.find().root().resolve(".venv").resolve("lib");
        try (DirectoryStream<Path> pythons = Files.newDirectoryStream(lib, "python3*")) {
            for (Path python : pythons) {
                Path key = python.resolve("site-packages/moto/cognitoidp/resources/jwks-private.json.gz");
                if (Files.isRegularFile(key)) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(key))) {
                        RSAKey parsed = RSAKey.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        return new RSAKey.Builder(parsed).keyID(SignedJWT.parse(aliceToken).getHeader().getKeyID()).build();
                    }
                }
            }
        }
        throw new IllegalStateException("moto's signing key is not in " + lib);
    }

    private static boolean listening(URI uri) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", uri.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
