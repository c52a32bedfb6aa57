package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.localenv.gateway.testfunctions.EventRecorder;
import org.eclipse.jetty.websocket.api.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static dev.parley.localenv.gateway.TestApis.WAIT;
import static dev.parley.localenv.gateway.testfunctions.EventRecorder.eventType;
import static org.assertj.core.api.Assertions.assertThat;

/** The events functions receive, compared field by field with AWS-shaped fixtures (src/test/resources/gateway/events). */
class EventShapeTest {
    private static final String RECORDER = TestApis.recorderName();
    private static final EventRecorder EVENTS = EventRecorder.named(RECORDER);
    private static WebSocketGateway gateway;
    private static JsonNode connect;
    private static JsonNode message;
    private static JsonNode disconnect;
    private static String typedReply;

    @BeforeAll
    static void connectSendAndClose() throws Exception {
        gateway = TestApis.start(TestApis.full(RECORDER, true), GatewaySettings.defaults());
        TestSocket socket = TestSocket.connect(
                URI.create(gateway.webSocketUri() + "?token=allow&deviceId=phone-1&deviceId=phone-2"),
                Map.of("x-Custom-Case", "kept"));
        String connectionId = TestApis.connectionId(EVENTS, socket);
        socket.send("{\"action\":\"echo\",\"text\":\"héllo\"}");
        socket.next(WAIT);
        socket.send("{\"action\":\"typed\"}");
        typedReply = socket.next(WAIT);
        socket.session().close(1000, "bye", Callback.NOOP);
        connect = EVENTS.await(eventType("CONNECT", connectionId), WAIT);
        message = EVENTS.await(eventType("MESSAGE", connectionId), WAIT);
        disconnect = EVENTS.await(eventType("DISCONNECT", connectionId), WAIT);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop();
    }

    @Test
    void connect_event_has_the_client_headers_in_their_casing_the_query_string_and_no_body() throws Exception {
        JsonShape.assertMatches(JsonShape.fixture("connect.json"), connect);
    }

    @Test
    void message_event_has_the_raw_body_a_message_id_and_no_headers() throws Exception {
        JsonShape.assertMatches(JsonShape.fixture("message.json"), message);
    }

    @Test
    void disconnect_event_has_synthetic_headers_the_close_code_and_the_reason() throws Exception {
        JsonShape.assertMatches(JsonShape.fixture("disconnect.json"), disconnect);
    }

    @Test
    void every_event_of_a_connection_carries_the_same_connectedAt_and_a_requestId_equal_to_extendedRequestId() {
        List<JsonNode> contexts = List.of(connect, message, disconnect).stream().map(e -> e.get("requestContext")).toList();
        assertThat(contexts).extracting(c -> c.get("connectedAt").asLong()).containsOnly(
                contexts.getFirst().get("connectedAt").asLong());
        assertThat(contexts).allSatisfy(c -> assertThat(c.get("requestId")).isEqualTo(c.get("extendedRequestId")));
        assertThat(contexts).extracting(c -> c.get("requestId").asText()).doesNotHaveDuplicates();
    }

    @Test
    void a_typed_handler_gets_the_event_through_the_lambda_serializer_with_its_own_environment() {
        String connectionId = connect.at("/requestContext/connectionId").asText();
        assertThat(typedReply).isEqualTo("typed|" + connectionId + "|user-1|hello|true|TypedFunction");
    }

    @Test
    void the_authorizer_gets_the_connect_method_arn_and_the_query_string() {
        JsonNode authorizerCall = EVENTS.await(e -> e.has("authorizerToken"), WAIT);
        assertThat(authorizerCall.get("methodArn").asText())
                .isEqualTo("arn:aws:execute-api:us-east-1:123456789012:parleylocal/test/$connect");
        assertThat(authorizerCall.get("deviceId").asText()).isEqualTo("phone-2");
    }
}
