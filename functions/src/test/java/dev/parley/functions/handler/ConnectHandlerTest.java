package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.ConnectionRepository;
import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.functions.domain.connection.RegisterConnection;
import dev.parley.functions.domain.device.InMemoryDeviceRegistry;
import dev.parley.functions.domain.device.RegisterDevice;
import dev.parley.functions.domain.connection.UnreachableConnectionRepository;
import dev.parley.functions.domain.user.InMemoryUserDirectory;
import dev.parley.functions.domain.user.RegisterUserProfile;
import dev.parley.functions.domain.user.UserDirectory;
import dev.parley.functions.domain.user.UserProfile;
import dev.parley.functions.testing.CapturedLogs;
import dev.parley.functions.testing.LambdaJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectHandlerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String USER_ID = "5c1b7e4a-2f0d-4b8e-9a57-0e6f3c2d1b90";

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();
    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();

    private ConnectHandler handlerWith(ConnectionRepository repository) {
        return handlerWith(repository, users);
    }

    private ConnectHandler handlerWith(ConnectionRepository repository, UserDirectory directory) {
        return new ConnectHandler(new RegisterConnection(repository, Clock.fixed(NOW, ZoneOffset.UTC)), new RegisterUserProfile(directory),
                new RegisterDevice(devices, Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static APIGatewayV2WebSocketEvent connectEvent() {
        return LambdaJson.event("connect.json", APIGatewayV2WebSocketEvent.class);
    }

    @Test
    void an_authorized_connect_registers_the_connection_under_the_authorizers_user_and_device() {
        APIGatewayV2WebSocketResponse response = handlerWith(connections).handleRequest(connectEvent(), null);

        assertThat(LambdaJson.toJson(response, APIGatewayV2WebSocketResponse.class).get("statusCode").asInt()).isEqualTo(200);
        assertThat(connections.findLive(List.of(USER_ID), NOW))
                .containsExactly(Connection.opened("eRcq1dBfoAMCJfw=", USER_ID, "iphone-7f3a", NOW));
        JsonNode registered = logs.lines().getLast();
        assertThat(registered.get("message").asText()).isEqualTo("connection registered");
        assertThat(registered.get("connectionId").asText()).isEqualTo("eRcq1dBfoAMCJfw=");
        assertThat(registered.get("userId").asText()).isEqualTo(USER_ID);
    }

    @Test
    void authorizer_context_values_that_arrive_as_numbers_are_read_as_text() {
        APIGatewayV2WebSocketEvent event = connectEvent();
        Map<String, Object> authorizer = new HashMap<>(event.getRequestContext().getAuthorizer());
        authorizer.put("userId", 42);
        authorizer.put("deviceId", 7);
        event.getRequestContext().setAuthorizer(authorizer);

        handlerWith(connections).handleRequest(event, null);

        assertThat(connections.findLive(List.of("42"), NOW)).extracting(Connection::deviceId).containsExactly("7");
    }

    @Test
    void a_connect_without_authorizer_identity_refuses_the_handshake_with_500() {
        APIGatewayV2WebSocketEvent event = connectEvent();
        event.getRequestContext().setAuthorizer(null);

        APIGatewayV2WebSocketResponse response = handlerWith(connections).handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(logs.lines()).singleElement().satisfies(line -> assertThat(line.get("level").asText()).isEqualTo("ERROR"));
    }

    @Test
    void a_failing_table_refuses_the_handshake_with_500_and_logs_the_error_once_with_request_and_connection() {
        ConnectionRepository failing = new UnreachableConnectionRepository();

        APIGatewayV2WebSocketResponse response = handlerWith(failing).handleRequest(connectEvent(), null);

        assertThat(LambdaJson.toJson(response, APIGatewayV2WebSocketResponse.class).get("statusCode").asInt()).isEqualTo(500);
        assertThat(logs.lines()).singleElement().satisfies(line -> {
            assertThat(line.get("message").asText()).isEqualTo("connection not registered");
            assertThat(line.get("requestId").asText()).isEqualTo("eRcq1FpCoAMFdXw=");
            assertThat(line.get("connectionId").asText()).isEqualTo("eRcq1dBfoAMCJfw=");
            assertThat(line.get("errorMessage").asText()).isEqualTo("table unreachable");
        });
    }

    @Test
    void the_token_in_the_connect_query_string_never_reaches_the_log() {
        handlerWith(connections).handleRequest(connectEvent(), null);

        assertThat(logs.text()).doesNotContain("eyJraWQiOiJrZXktMSIsImFsZyI6IlJTMjU2In0");
    }

    @Test
    void a_connect_records_the_device_with_the_platform_named_in_the_connect_query_string() {
        APIGatewayV2WebSocketEvent event = connectEvent();
        event.setQueryStringParameters(new HashMap<>(event.getQueryStringParameters()));
        event.getQueryStringParameters().put("platform", "ios");

        assertThat(handlerWith(connections).handleRequest(event, null).getStatusCode()).isEqualTo(200);

        assertThat(devices.list(USER_ID)).singleElement().satisfies(device -> {
            assertThat(device.deviceId()).isEqualTo("iphone-7f3a");
            assertThat(device.platform()).isEqualTo("ios");
            assertThat(device.lastSeenAt()).isEqualTo(NOW);
        });
    }

    @Test
    void a_connect_without_a_platform_records_the_device_as_unknown() {
        assertThat(handlerWith(connections).handleRequest(connectEvent(), null).getStatusCode()).isEqualTo(200);

        assertThat(devices.list(USER_ID)).singleElement()
                .satisfies(device -> assertThat(device.platform()).isEqualTo("unknown"));
    }

    @Test
    void a_connect_makes_the_user_findable_by_the_username_the_authorizer_vouched_for() {
        handlerWith(connections).handleRequest(connectEvent(), null);

        assertThat(users.find(List.of("alice"))).containsExactly(new UserProfile("alice", USER_ID, "alice"));
    }

    @Test
    void a_failing_users_table_refuses_the_handshake_before_the_connection_is_registered() {
        UserDirectory unreachable = new UserDirectory() {
            @Override
            public void register(String username, String userId) {
                throw new IllegalStateException("users table unreachable");
            }

            @Override
            public void remove(String username, String userId) {
                throw new IllegalStateException("users table unreachable");
            }

            @Override
            public List<UserProfile> find(Collection<String> usernames) {
                throw new IllegalStateException("users table unreachable");
            }

            @Override
            public java.util.Map<String, String> usernames(Collection<String> userIds) {
                throw new IllegalStateException("users table unreachable");
            }
        };

        APIGatewayV2WebSocketResponse response = handlerWith(connections, unreachable).handleRequest(connectEvent(), null);

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(connections.findLive(List.of(USER_ID), NOW)).isEmpty();
    }
}
