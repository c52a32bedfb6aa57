package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.ConnectionRepository;
import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.functions.domain.connection.RemoveConnection;
import dev.parley.functions.domain.connection.UnreachableConnectionRepository;
import dev.parley.functions.testing.CapturedLogs;
import dev.parley.functions.testing.LambdaJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DisconnectHandlerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String USER_ID = "5c1b7e4a-2f0d-4b8e-9a57-0e6f3c2d1b90";

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();

    private static APIGatewayV2WebSocketEvent disconnectEvent() {
        return LambdaJson.event("disconnect.json", APIGatewayV2WebSocketEvent.class);
    }

    @Test
    void a_disconnect_removes_only_the_closed_connection() {
        connections.save(Connection.opened("eRcq1dBfoAMCJfw=", USER_ID, "iphone-7f3a", NOW));
        connections.save(Connection.opened("LLLLLLLLLLLLLLL=", USER_ID, "laptop", NOW));

        APIGatewayV2WebSocketResponse response =
                new DisconnectHandler(new RemoveConnection(connections)).handleRequest(disconnectEvent(), null);

        assertThat(LambdaJson.toJson(response, APIGatewayV2WebSocketResponse.class).get("statusCode").asInt()).isEqualTo(200);
        assertThat(connections.findLive(List.of(USER_ID), NOW)).extracting(Connection::connectionId)
                .containsExactly("LLLLLLLLLLLLLLL=");
    }

    @Test
    void a_failed_removal_is_logged_and_left_to_the_entrys_expiry() {
        ConnectionRepository failing = new UnreachableConnectionRepository();

        APIGatewayV2WebSocketResponse response =
                new DisconnectHandler(new RemoveConnection(failing)).handleRequest(disconnectEvent(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(logs.lines()).singleElement().satisfies(line -> {
            assertThat(line.get("message").asText()).isEqualTo("connection not removed");
            assertThat(line.get("connectionId").asText()).isEqualTo("eRcq1dBfoAMCJfw=");
            assertThat(line.get("route").asText()).isEqualTo("$disconnect");
        });
    }
}
