package dev.parley.localenv.gateway;

import com.nimbusds.jose.jwk.RSAKey;
import dev.parley.functions.handler.AuthorizerHandler;
import dev.parley.functions.testing.DevicesTable;
import dev.parley.functions.testing.JwksServer;
import dev.parley.functions.testing.TestTokens;
import dev.parley.localenv.moto.LocalMoto;
import dev.parley.localenv.provision.ProvisioningClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parley's own authorizer ({@link AuthorizerHandler}) behind the emulator, over real sockets, with real
 * RS256 tokens, a JWKS served over HTTP and its revocation records in moto: a token that does not verify
 * is the 401 the protocol documents, and a failure inside the authorizer is a 500, as on AWS, never a
 * refusal the client would answer by refreshing its token.
 */
class ParleyAuthorizerTest {
    @RegisterExtension
    static final LocalMoto MOTO = new LocalMoto();

    private static final RSAKey KEY = TestTokens.newKey("key-1");

    private static JwksServer jwks;
    private static ProvisioningClients aws;
    private static String devicesTable;

    @BeforeAll
    static void start() throws IOException {
        jwks = new JwksServer();
        jwks.publish(KEY);
        aws = ProvisioningClients.forRegion(Region.of(LocalMoto.REGION));
        devicesTable = DevicesTable.create(aws.dynamoDb());
    }

    @AfterAll
    static void stop() {
        aws.close();
        jwks.close();
    }

    /** The gateway with the real authorizer on {@code $connect}, configured as the template configures it. */
    private static WebSocketGateway gateway(URI jwksUrl, String devicesTable) throws Exception {
        FunctionDefinition authorizer = new FunctionDefinition("ConnectAuthorizer", AuthorizerHandler.class.getName(), Map.of(
                "USER_POOL_ID", TestTokens.POOL_ID,
                "APP_CLIENT_IDS", TestTokens.CLIENT_ID,
                "JWKS_URL", jwksUrl.toString(),
                "DEVICES_TABLE", devicesTable));
        return TestApis.start(TestApis.full(TestApis.recorderName(), Optional.of(authorizer)), GatewaySettings.defaults());
    }

    private static URI connect(WebSocketGateway gateway, String token, String deviceId) {
        return URI.create(gateway.webSocketUri() + "?token=" + token + "&deviceId=" + deviceId);
    }

    @Test
    void a_valid_token_connects_so_each_status_below_is_about_what_it_changes() throws Exception {
        try (WebSocketGateway gateway = gateway(jwks.uri(), devicesTable)) {
            TestSocket.connect(connect(gateway, TestTokens.valid(KEY), "phone-1")).session().close();
        }
    }

    @Test
    void a_token_that_does_not_verify_or_a_missing_device_id_is_refused_with_401() throws Exception {
        Instant now = Instant.now();
        String forged = TestTokens.sign(TestTokens.newKey(KEY.getKeyID()), TestTokens.accessClaims(now).build());
        String expired = TestTokens.sign(KEY, TestTokens.accessClaims(now.minus(Duration.ofHours(2)))
                .expirationTime(Date.from(now.minus(Duration.ofMinutes(5)))).build());
        try (WebSocketGateway gateway = gateway(jwks.uri(), devicesTable)) {
            assertThat(TestSocket.refusedStatus(connect(gateway, forged, "phone-1"))).as("forged").isEqualTo(401);
            assertThat(TestSocket.refusedStatus(connect(gateway, expired, "phone-1"))).as("expired").isEqualTo(401);
            assertThat(TestSocket.refusedStatus(connect(gateway, "not-a-jwt", "phone-1"))).as("malformed").isEqualTo(401);
            assertThat(TestSocket.refusedStatus(connect(gateway, TestTokens.valid(KEY), ""))).as("no deviceId").isEqualTo(401);
        }
    }

    @Test
    void an_unreachable_jwks_fails_the_handshake_with_500_not_401() throws Exception {
        try (WebSocketGateway gateway = gateway(closedPortJwksUrl(), devicesTable)) {
            assertThat(TestSocket.refusedStatus(connect(gateway, TestTokens.valid(KEY), "phone-1"))).isEqualTo(500);
        }
    }

    /**
     * Under a connect flood a cold authorizer's JWKS fetches can time out; the connects after two failed
     * fetches find the refetch rate-limited with no key set held. That is still a 500: the token was
     * never checked, so the client must not be told it is bad.
     */
    @Test
    void a_jwks_that_failed_and_may_not_be_fetched_again_yet_fails_the_handshake_with_500_not_401() throws Exception {
        try (JwksServer failing = new JwksServer(); WebSocketGateway gateway = gateway(failing.uri(), devicesTable)) {
            failing.publish(KEY);
            failing.failWith(503);
            boolean answeredWithoutFetching = false;
            for (int attempt = 1; attempt <= 10 && !answeredWithoutFetching; attempt++) {
                int fetchesBefore = failing.fetches();
                assertThat(TestSocket.refusedStatus(connect(gateway, TestTokens.valid(KEY), "phone-1")))
                        .as("connect %d", attempt).isEqualTo(500);
                answeredWithoutFetching = failing.fetches() == fetchesBefore;
            }
            assertThat(answeredWithoutFetching).as("a connect reached the rate-limited state").isTrue();
        }
    }

    @Test
    void an_unreadable_revocation_table_fails_the_handshake_with_500_not_401() throws Exception {
        try (WebSocketGateway gateway = gateway(jwks.uri(), "no-such-table-" + UUID.randomUUID())) {
            assertThat(TestSocket.refusedStatus(connect(gateway, TestTokens.valid(KEY), "phone-1"))).isEqualTo(500);
        }
    }

    /** A JWKS URL on a loopback port nothing listens on: the fetch is refused at once. */
    private static URI closedPortJwksUrl() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return URI.create("http://127.0.0.1:" + port + JwksServer.PATH);
    }
}
