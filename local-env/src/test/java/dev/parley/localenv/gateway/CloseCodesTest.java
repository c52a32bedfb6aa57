package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.localenv.gateway.testfunctions.EventRecorder;
import org.eclipse.jetty.websocket.api.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;

import static dev.parley.localenv.gateway.TestApis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API Gateway's close codes, and $disconnect exactly once on every close path with the close code.
 * Each test has its own gateway: "no second $disconnect" is checked after stopping it, which stops
 * Jetty (no close callback can follow) and waits for every invocation already started.
 */
class CloseCodesTest {
    private static final Duration IDLE = Duration.ofSeconds(1);
    private static final Duration LIFETIME = Duration.ofMillis(2500);
    private static final String RECORDER = TestApis.recorderName();
    private static final EventRecorder EVENTS = EventRecorder.named(RECORDER);
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();
    private WebSocketGateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = TestApis.start(TestApis.full(RECORDER, false),
                GatewaySettings.defaults().withIdleTimeout(IDLE).withMaxLifetime(LIFETIME));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.stop();
    }

    /**
     * Waits for the $disconnect of the connection and checks its code; then stops the gateway, after
     * which no $disconnect can start and every one started has been recorded, and checks there was one.
     */
    private void assertDisconnectedOnce(String connectionId, int statusCode) throws Exception {
        JsonNode disconnect = EVENTS.await(EventRecorder.eventType("DISCONNECT", connectionId), WAIT);
        assertThat(disconnect.at("/requestContext/disconnectStatusCode").asInt()).isEqualTo(statusCode);
        gateway.stop();
        assertThat(EVENTS.all(EventRecorder.eventType("DISCONNECT", connectionId))).hasSize(1);
    }

    @Test
    void a_binary_frame_closes_with_1003() throws Exception {
        TestSocket socket = TestSocket.connect(gateway.webSocketUri());
        socket.sendBinary(new byte[]{1, 2, 3});
        assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1003);
        assertDisconnectedOnce(TestApis.connectionId(EVENTS, socket), 1003);
    }

    @Test
    void a_frame_over_32_KB_closes_with_1009() throws Exception {
        TestSocket socket = TestSocket.connect(gateway.webSocketUri());
        socket.send("x".repeat(32 * 1024 + 1));
        assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1009);
        assertDisconnectedOnce(TestApis.connectionId(EVENTS, socket), 1009);
    }

    @Test
    void a_message_over_128_KB_in_fragments_of_30_KB_closes_with_1009() throws Exception {
        TestSocket socket = TestSocket.connect(gateway.webSocketUri());
        for (int i = 0; i < 4; i++) {
            socket.sendPartial("x".repeat(30 * 1024), false);
        }
        socket.sendPartial("x".repeat(9 * 1024), true);
        assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1009);
        assertDisconnectedOnce(TestApis.connectionId(EVENTS, socket), 1009);
    }

    @Test
    void a_32_KB_frame_and_a_128_KB_message_in_32_KB_fragments_are_accepted() throws Exception {
        TestSocket socket = TestSocket.connect(gateway.webSocketUri());
        String frame = "f".repeat(32 * 1024);
        socket.send(frame);
        assertThat(socket.next(WAIT)).isEqualTo(frame);
        for (int i = 0; i < 3; i++) {
            socket.sendPartial("m".repeat(32 * 1024), false);
        }
        socket.sendPartial("m".repeat(32 * 1024), true);
        assertThat(socket.next(WAIT)).hasSize(128 * 1024);
        assertThat(socket.isOpen()).isTrue();
        socket.session().close();
    }

    @Test
    void an_idle_connection_closes_with_1001_even_while_the_client_pings() throws Exception {
        TestSocket socket = TestSocket.connect(gateway.webSocketUri());
        long started = System.nanoTime();
        while (socket.isOpen() && System.nanoTime() - started < WAIT.toNanos()) {
            socket.session().sendPing(ByteBuffer.wrap(new byte[]{1}), Callback.NOOP);
            Thread.sleep(200);
        }
        assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1001);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(IDLE, IDLE.plusSeconds(2));
        assertDisconnectedOnce(TestApis.connectionId(EVENTS, socket), 1001);
    }

    @Test
    void a_busy_connection_closes_with_1001_at_its_maximum_lifetime() throws Exception {
        TestSocket socket = TestSocket.connect(gateway.webSocketUri());
        long started = System.nanoTime();
        while (socket.isOpen() && System.nanoTime() - started < WAIT.toNanos()) {
            socket.send("{\"action\":\"silent\"}");
            Thread.sleep(300);
        }
        assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1001);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(LIFETIME.minusMillis(300), LIFETIME.plusSeconds(2));
        assertDisconnectedOnce(TestApis.connectionId(EVENTS, socket), 1001);
    }

    @Test
    void a_client_close_fires_disconnect_with_its_code_and_reason() throws Exception {
        TestSocket socket = TestSocket.connect(gateway.webSocketUri());
        socket.session().close(4000, "going home", Callback.NOOP);
        String connectionId = TestApis.connectionId(EVENTS, socket);
        assertDisconnectedOnce(connectionId, 4000);
        assertThat(EVENTS.await(EventRecorder.eventType("DISCONNECT", connectionId), WAIT)
                .at("/requestContext/disconnectReason").asText()).isEqualTo("going home");
    }

    @Test
    void an_abnormal_drop_fires_disconnect_with_1006() throws Exception {
        TestSocket socket = TestSocket.connect(gateway.webSocketUri());
        String connectionId = TestApis.connectionId(EVENTS, socket);
        socket.session().disconnect();
        assertDisconnectedOnce(connectionId, 1006);
    }

    @Test
    void with_a_lost_client_delay_a_vanished_client_is_gone_at_once_and_disconnect_fires_later() throws Exception {
        String recorder = TestApis.recorderName();
        EventRecorder events = EventRecorder.named(recorder);
        WebSocketGateway lossy = TestApis.start(TestApis.full(recorder, false),
                GatewaySettings.defaults().withLostClientDisconnectDelay(Duration.ofMillis(1500)));
        try {
            TestSocket socket = TestSocket.connect(lossy.webSocketUri());
            String connectionId = TestApis.connectionId(events, socket);
            socket.session().disconnect();

            // The gateway notices the dropped socket when the TCP close reaches it; until then a POST still delivers.
            java.net.http.HttpResponse<String> post = postUntilGone(lossy, connectionId);
            assertThat(post.statusCode()).isEqualTo(410);
            assertThat(post.headers().firstValue("x-amzn-ErrorType")).hasValueSatisfying(v -> assertThat(v).startsWith("GoneException"));
            assertThat(events.all(EventRecorder.eventType("DISCONNECT", connectionId))).as("not yet").isEmpty();

            JsonNode disconnect = events.await(EventRecorder.eventType("DISCONNECT", connectionId), WAIT);
            assertThat(disconnect.at("/requestContext/disconnectStatusCode").asInt()).isEqualTo(1006);
        } finally {
            lossy.stop();
        }
    }

    private static java.net.http.HttpResponse<String> postUntilGone(WebSocketGateway lossy, String connectionId)
            throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        lossy.connectionsEndpoint() + "/@connections/" + java.net.URLEncoder.encode(connectionId,
                                java.nio.charset.StandardCharsets.UTF_8)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build();
        long deadline = System.nanoTime() + WAIT.toNanos();
        java.net.http.HttpResponse<String> post;
        do {
            post = HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        } while (post.statusCode() == 200 && System.nanoTime() < deadline);
        return post;
    }

    @Test
    void stopping_the_gateway_closes_connections_with_1001_and_fires_disconnect() throws Exception {
        String recorder = TestApis.recorderName();
        WebSocketGateway stopping = TestApis.start(TestApis.full(recorder, false), GatewaySettings.defaults());
        TestSocket socket = TestSocket.connect(stopping.webSocketUri());
        String connectionId = TestApis.connectionId(EventRecorder.named(recorder), socket);
        stopping.stop();
        assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1001);
        assertThat(EventRecorder.named(recorder).await(EventRecorder.eventType("DISCONNECT", connectionId), WAIT)
                .at("/requestContext/disconnectStatusCode").asInt()).isEqualTo(1001);
    }
}
