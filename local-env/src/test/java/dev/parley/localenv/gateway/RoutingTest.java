package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.localenv.gateway.testfunctions.EventRecorder;
import dev.parley.localenv.gateway.testfunctions.ScriptedFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.parley.localenv.gateway.TestApis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Route selection, route responses, the gateway's own error frames, timeouts and concurrency. */
class RoutingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(2);
    private static final String RECORDER = TestApis.recorderName();
    private static final EventRecorder EVENTS = EventRecorder.named(RECORDER);
    private static WebSocketGateway gateway;
    private static WebSocketGateway withoutDefault;
    private TestSocket socket;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestApis.start(TestApis.full(RECORDER, false),
                GatewaySettings.defaults().withIntegrationTimeout(INTEGRATION_TIMEOUT));
        FunctionDefinition scripted = TestApis.scripted("ScriptedFunction", RECORDER);
        withoutDefault = TestApis.start(new ApiDefinition("$request.body.action", "test",
                Map.of("echo", new RouteDefinition("echo", scripted, true)), Optional.empty()), GatewaySettings.defaults());
    }

    @BeforeEach
    void connect() {
        socket = TestSocket.connect(gateway.webSocketUri());
    }

    @AfterEach
    void disconnect() {
        socket.session().close();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop();
        withoutDefault.stop();
    }

    private static String routeKeyOf(String body) {
        return EVENTS.await(e -> body.equals(e.path("body").asText()), WAIT).at("/requestContext/routeKey").asText();
    }

    @Test
    void an_exact_action_match_goes_to_its_route_and_the_route_response_returns_the_body() throws Exception {
        String body = "{\"action\":\"echo\",\"n\":1}";
        socket.send(body);
        assertThat(socket.next(WAIT)).isEqualTo(body);
        assertThat(routeKeyOf(body)).isEqualTo("echo");
    }

    @Test
    void an_unknown_action_a_missing_action_and_a_non_json_body_go_to_default() throws Exception {
        for (String body : List.of("{\"action\":\"Echo\"}", "{\"requestId\":\"7\"}", "not json {", "{\"action\":\"echo\"} trailing")) {
            socket.send(body);
            assertThat(socket.next(WAIT)).isEqualTo(body);
            assertThat(routeKeyOf(body)).isEqualTo("$default");
        }
    }

    @Test
    void a_route_without_a_route_response_sends_nothing_back() throws Exception {
        String body = "{\"action\":\"silent\",\"n\":2}";
        socket.send(body);
        assertThat(routeKeyOf(body)).isEqualTo("silent");
        assertNextFrameIsAMarkerSentNow();
    }

    @Test
    void a_response_without_a_body_sends_nothing_back() throws Exception {
        String body = "{\"action\":\"echo\",\"do\":\"noBody\",\"n\":3}";
        socket.send(body);
        assertThat(routeKeyOf(body)).isEqualTo("echo");
        assertNextFrameIsAMarkerSentNow();
    }

    /**
     * Sends an echo and requires its answer to be the next frame: nothing the earlier invocation
     * answered came first. Invocations run concurrently, as on AWS, so the marker goes out only once
     * the earlier one was recorded; the function records first and then only builds its small
     * response, so an answer to it would be written while the marker still makes its way in,
     * through a second invocation and back, instead of after a fixed wait.
     */
    private void assertNextFrameIsAMarkerSentNow() throws InterruptedException {
        String marker = "{\"action\":\"echo\",\"marker\":\"" + UUID.randomUUID() + "\"}";
        socket.send(marker);
        assertThat(socket.next(WAIT)).as("the first frame after the silent one").isEqualTo(marker);
    }

    @Test
    void a_handler_that_throws_gives_the_internal_server_error_frame_and_the_connection_stays_open() throws Exception {
        String body = "{\"action\":\"echo\",\"do\":\"throw\"}";
        socket.send(body);
        JsonNode frame = JSON.readTree(socket.next(WAIT));
        JsonNode event = EVENTS.await(e -> body.equals(e.path("body").asText()), WAIT);
        assertThat(frame.get("message").asText()).isEqualTo("Internal server error");
        assertThat(frame.get("connectionId").asText()).isEqualTo(TestApis.connectionId(EVENTS, socket));
        assertThat(frame.get("requestId").asText()).isEqualTo(event.at("/requestContext/requestId").asText());
        assertThat(frame.size()).isEqualTo(3);
        socket.send("{\"action\":\"echo\"}");
        assertThat(socket.next(WAIT)).isEqualTo("{\"action\":\"echo\"}");
    }

    @Test
    void a_malformed_response_gives_the_internal_server_error_frame() throws Exception {
        for (String script : List.of("notJson", "bodyObject")) {
            socket.send("{\"action\":\"echo\",\"do\":\"" + script + "\"}");
            assertThat(JSON.readTree(socket.next(WAIT)).get("message").asText()).isEqualTo("Internal server error");
        }
    }

    @Test
    void an_integration_timeout_gives_the_endpoint_request_timed_out_frame_and_the_late_answer_is_dropped() throws Exception {
        String latch = UUID.randomUUID().toString();
        String body = "{\"action\":\"echo\",\"do\":\"block\",\"latch\":\"" + latch + "\"}";
        long started = System.nanoTime();
        socket.send(body);
        JsonNode frame = JSON.readTree(socket.next(WAIT));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(INTEGRATION_TIMEOUT);
        JsonNode event = EVENTS.await(e -> body.equals(e.path("body").asText()), WAIT);
        assertThat(frame.get("message").asText()).isEqualTo("Endpoint request timed out");
        assertThat(frame.get("connectionId").asText()).isEqualTo(TestApis.connectionId(EVENTS, socket));
        assertThat(frame.get("requestId").asText()).isEqualTo(event.at("/requestContext/requestId").asText());
        assertThat(frame.size()).isEqualTo(3);

        ScriptedFunction.release(latch);
        EVENTS.await(e -> latch.equals(e.path("released").asText()), WAIT);
        String marker = "{\"action\":\"echo\",\"marker\":\"" + latch + "\"}";
        socket.send(marker);
        assertThat(socket.next(WAIT)).as("the late answer is dropped").isEqualTo(marker);
    }

    @Test
    void two_slow_messages_on_one_connection_run_concurrently() throws Exception {
        String tag = UUID.randomUUID().toString();
        List<String> bodies = List.of(
                "{\"action\":\"echo\",\"do\":\"meet\",\"tag\":\"" + tag + "\",\"n\":1}",
                "{\"action\":\"echo\",\"do\":\"meet\",\"tag\":\"" + tag + "\",\"n\":2}");
        bodies.forEach(socket::send);
        // Each answers only once the other is running: one at a time, the first would time out instead.
        assertThat(List.of(socket.next(WAIT), socket.next(WAIT))).containsExactlyInAnyOrderElementsOf(bodies);
    }

    @Test
    void with_no_match_and_no_default_route_the_client_gets_forbidden_and_stays_connected() throws Exception {
        TestSocket client = TestSocket.connect(withoutDefault.webSocketUri());
        client.send("{\"action\":\"nope\"}");
        JsonNode frame = JSON.readTree(client.next(WAIT));
        assertThat(frame.get("message").asText()).isEqualTo("Forbidden");
        assertThat(frame.get("connectionId").asText()).matches("[A-Za-z0-9_-]{15}=");
        assertThat(frame.get("requestId").asText()).matches("[A-Za-z0-9_-]{15}=");
        client.send("{\"action\":\"echo\"}");
        assertThat(client.next(WAIT)).isEqualTo("{\"action\":\"echo\"}");
        client.session().close();
    }

    @Test
    void messages_are_metered_in_32_KB_units_in_and_out() throws Exception {
        MessageMeter meter = gateway.meter();
        long in = meter.inboundUnits();
        long out = meter.outboundUnits();
        String big = "{\"action\":\"echo\",\"pad\":\"" + "x".repeat(40_000) + "\"}";
        socket.sendPartial(big.substring(0, 30_000), false);
        socket.sendPartial(big.substring(30_000), true);
        assertThat(socket.next(WAIT)).isEqualTo(big);
        socket.send("{\"action\":\"silent\"}");
        EVENTS.await(e -> "{\"action\":\"silent\"}".equals(e.path("body").asText()), WAIT);
        assertThat(meter.inboundUnits() - in).isEqualTo(3);
        assertThat(meter.outboundUnits() - out).isEqualTo(2);
    }
}
