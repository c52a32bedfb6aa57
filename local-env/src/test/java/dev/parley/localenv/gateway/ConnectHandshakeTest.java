package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.localenv.gateway.testfunctions.EventRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.parley.localenv.gateway.TestApis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

/** The handshake waits for the REQUEST authorizer and $connect, and takes its status from them. */
class ConnectHandshakeTest {
    private static final String RECORDER = TestApis.recorderName();
    private static final EventRecorder EVENTS = EventRecorder.named(RECORDER);
    private static WebSocketGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestApis.start(TestApis.full(RECORDER, true), GatewaySettings.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop();
    }

    private static URI uri(String query) {
        return URI.create(gateway.webSocketUri() + "?" + query);
    }

    private static int authorizerCalls() {
        return EVENTS.all(e -> e.has("authorizerToken")).size();
    }

    @Test
    void a_missing_identity_source_is_refused_with_401_without_calling_the_authorizer() {
        int before = authorizerCalls();
        assertThat(TestSocket.refusedStatus(uri("deviceId=d1"))).isEqualTo(401);
        assertThat(TestSocket.refusedStatus(uri("token=&deviceId=d1"))).isEqualTo(401);
        assertThat(authorizerCalls()).isEqualTo(before);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(named("an authorizer that throws \"Unauthorized\"", "token=unauthorized"), 401),
                Arguments.of(named("an explicit Deny", "token=deny"), 403),
                Arguments.of(named("an authorizer that throws anything else (a crash is not a refusal)", "token=boom"), 500),
                Arguments.of(named("an authorizer that throws \"unauthorized\" (the match is exact)",
                        "token=unauthorized-lowercase"), 500),
                Arguments.of(named("an authorizer that throws without a message", "token=no-message"), 500),
                Arguments.of(named("an authorizer response without a principalId", "token=no-principal"), 500),
                Arguments.of(named("an authorizer context value that is an object", "token=nested"), 500),
                Arguments.of(named("an authorizer context over 8 KB", "token=big"), 500),
                Arguments.of(named("$connect answering 403", "token=allow&status=403"), 403),
                Arguments.of(named("$connect without a statusCode (a handler bug)", "token=allow&status=none"), 500),
                Arguments.of(named("$connect answering statusCode 0", "token=allow&status=0"), 500));
    }

    @ParameterizedTest(name = "{0} refuses the handshake with {1}")
    @MethodSource("refusals")
    void the_handshake_status_comes_from_the_authorizer_and_connect(String query, int status) {
        assertThat(TestSocket.refusedStatus(uri(query))).isEqualTo(status);
    }

    @Test
    void the_authorizer_runs_on_every_connect_because_websocket_authorizers_are_never_cached() throws Exception {
        int before = authorizerCalls();
        TestSocket.connect(uri("token=allow")).session().close();
        TestSocket.connect(uri("token=allow")).session().close();
        assertThat(authorizerCalls()).isEqualTo(before + 2);
    }

    /**
     * On a gateway of its own, stopped before the check: stopping stops Jetty (no close callback can
     * follow) and waits for every invocation already started, so a $disconnect, had the refusal
     * started one, is recorded by then.
     */
    @Test
    void a_non_2xx_connect_status_becomes_the_handshake_status_and_no_disconnect_follows() throws Exception {
        String recorder = TestApis.recorderName();
        EventRecorder events = EventRecorder.named(recorder);
        WebSocketGateway own = TestApis.start(TestApis.full(recorder, true), GatewaySettings.defaults());
        String connectionId;
        try {
            String marker = UUID.randomUUID().toString();
            URI refusing = URI.create(own.webSocketUri() + "?token=allow&status=400&marker=" + marker);
            assertThat(TestSocket.refusedStatus(refusing)).isEqualTo(400);
            JsonNode refused = events.await(e -> marker.equals(e.at("/queryStringParameters/marker").asText()), WAIT);
            connectionId = refused.at("/requestContext/connectionId").asText();
        } finally {
            own.stop();
        }
        assertThat(events.all(EventRecorder.eventType("DISCONNECT", connectionId))).isEmpty();
    }

    @Test
    void only_sec_websocket_protocol_from_the_connect_response_reaches_the_client() {
        TestSocket socket = TestSocket.connect(uri("token=allow&protocol=parley.v1"), Map.of(), "parley.v1", "other");
        assertThat(socket.session().getUpgradeResponse().getAcceptedSubProtocol()).isEqualTo("parley.v1");
        assertThat(socket.session().getUpgradeResponse().getHeaders()).doesNotContainKey("X-Not-Forwarded");
        socket.session().close();
    }

    @Test
    void while_connect_runs_the_connection_does_not_exist_for_connections_calls() {
        TestSocket socket = TestSocket.connect(uri("token=allow&probe=1"));
        String connectionId = TestApis.connectionId(EVENTS, socket);
        JsonNode probe = EVENTS.await(e -> connectionId.equals(e.path("probe").asText()), WAIT);
        assertThat(probe.get("outcome").asText()).isEqualTo("GoneException");
        socket.session().close();
    }

    @Test
    void the_upgrade_is_accepted_on_the_stage_path_and_on_the_root_and_refused_elsewhere() {
        URI root = URI.create("ws://localhost:" + gateway.port() + "/?token=allow");
        TestSocket.connect(root).session().close();
        assertThat(TestSocket.refusedStatus(URI.create("ws://localhost:" + gateway.port() + "/prod?token=allow")))
                .isEqualTo(403);
    }
}
