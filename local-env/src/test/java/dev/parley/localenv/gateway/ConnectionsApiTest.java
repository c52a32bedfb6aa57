package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.localenv.gateway.testfunctions.EventRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import static dev.parley.localenv.gateway.TestApis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The @connections management API, through the unchanged AWS SDK client and over raw HTTP. */
class ConnectionsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORDER = TestApis.recorderName();
    private static final EventRecorder EVENTS = EventRecorder.named(RECORDER);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static WebSocketGateway gateway;
    private static ApiGatewayManagementApiClient management;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestApis.start(TestApis.full(RECORDER, false), GatewaySettings.defaults());
        management = ApiGatewayManagementApiClient.builder()
                .endpointOverride(gateway.connectionsEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        management.close();
        gateway.stop();
    }

    private static void post(String connectionId, String data) {
        management.postToConnection(b -> b.connectionId(connectionId).data(SdkBytes.fromUtf8String(data)));
    }

    @Test
    void post_to_connection_delivers_the_data_as_one_text_message() throws Exception {
        TestSocket socket = TestSocket.connect(gateway.webSocketUri());
        post(TestApis.connectionId(EVENTS, socket), "{\"type\":\"hello\"}");
        assertThat(socket.next(WAIT)).isEqualTo("{\"type\":\"hello\"}");
        socket.session().close();
    }

    @Test
    void a_post_of_128_KB_is_delivered_and_one_byte_more_is_payload_too_large() throws Exception {
        TestSocket socket = TestSocket.connect(gateway.webSocketUri());
        String connectionId = TestApis.connectionId(EVENTS, socket);
        post(connectionId, "y".repeat(128 * 1024));
        assertThat(socket.next(WAIT)).hasSize(128 * 1024);
        assertThatThrownBy(() -> post(connectionId, "y".repeat(128 * 1024 + 1)))
                .isInstanceOf(PayloadTooLargeException.class)
                .satisfies(e -> assertThat(((PayloadTooLargeException) e).statusCode()).isEqualTo(413));
        socket.session().close();
    }

    @Test
    void get_connection_reports_connected_at_identity_and_last_active_at() throws Exception {
        TestSocket socket = TestSocket.connect(gateway.webSocketUri());
        String connectionId = TestApis.connectionId(EVENTS, socket);
        socket.send("{\"action\":\"echo\"}");
        socket.next(WAIT);
        GetConnectionResponse connection = management.getConnection(b -> b.connectionId(connectionId));
        long connectedAt = EVENTS.await(EventRecorder.eventType("CONNECT", connectionId), WAIT)
                .at("/requestContext/connectedAt").asLong();
        assertThat(connection.connectedAt()).isEqualTo(Instant.ofEpochMilli(connectedAt));
        assertThat(connection.lastActiveAt()).isAfter(connection.connectedAt());
        assertThat(connection.identity().sourceIp()).isEqualTo("127.0.0.1");
        assertThat(connection.identity().userAgent()).startsWith("Jetty/");
        socket.session().close();
    }

    @Test
    void delete_connection_closes_the_socket_with_1000_and_fires_disconnect_and_the_id_is_then_gone() throws Exception {
        TestSocket socket = TestSocket.connect(gateway.webSocketUri());
        String connectionId = TestApis.connectionId(EVENTS, socket);
        management.deleteConnection(b -> b.connectionId(connectionId));
        assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1000);
        JsonNode disconnect = EVENTS.await(EventRecorder.eventType("DISCONNECT", connectionId), WAIT);
        assertThat(disconnect.at("/requestContext/disconnectStatusCode").asInt()).isEqualTo(1000);
        assertThatThrownBy(() -> post(connectionId, "late")).isInstanceOf(GoneException.class);
        assertThatThrownBy(() -> management.deleteConnection(b -> b.connectionId(connectionId)))
                .isInstanceOf(GoneException.class);
    }

    @Test
    void unknown_and_closed_connections_are_gone() throws Exception {
        assertThatThrownBy(() -> post("AAAAAAAAAAAAAAA=", "x"))
                .isInstanceOf(GoneException.class)
                .satisfies(e -> assertThat(((GoneException) e).statusCode()).isEqualTo(410));
        TestSocket socket = TestSocket.connect(gateway.webSocketUri());
        String connectionId = TestApis.connectionId(EVENTS, socket);
        socket.session().close();
        socket.awaitClose(WAIT);
        EVENTS.await(EventRecorder.eventType("DISCONNECT", connectionId), WAIT);
        assertThatThrownBy(() -> post(connectionId, "x")).isInstanceOf(GoneException.class);
        assertThatThrownBy(() -> management.getConnection(b -> b.connectionId(connectionId)))
                .isInstanceOf(GoneException.class);
    }

    @Test
    void raw_paths_accept_percent_encoded_at_sign_and_id_and_every_answer_has_a_request_id() throws Exception {
        TestSocket socket = TestSocket.connect(gateway.webSocketUri());
        String connectionId = TestApis.connectionId(EVENTS, socket);
        String encodedId = connectionId.replace("=", "%3D");
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(
                        URI.create(gateway.connectionsEndpoint() + "/%40connections/" + encodedId))
                .POST(HttpRequest.BodyPublishers.ofString("raw")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.body()).isEmpty();
        assertThat(posted.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(socket.next(WAIT)).isEqualTo("raw");

        HttpResponse<String> gone = HTTP.send(HttpRequest.newBuilder(
                URI.create(gateway.connectionsEndpoint() + "/@connections/AAAAAAAAAAAAAAA%3D")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.headers().firstValue("x-amzn-ErrorType")).contains("GoneException");
        assertThat(gone.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(JSON.readTree(gone.body()).get("message").isTextual()).isTrue();
        socket.session().close();
    }
}
