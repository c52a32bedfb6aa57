package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.functions.domain.device.InMemoryDeviceRegistry;
import dev.parley.functions.domain.device.ListDevices;
import dev.parley.functions.domain.device.RecordingConnectionCloser;
import dev.parley.functions.domain.device.RecordingSessionTerminator;
import dev.parley.functions.domain.device.RevokeDevice;
import dev.parley.functions.domain.device.SignOutEverywhere;
import dev.parley.functions.testing.CapturedLogs;
import dev.parley.functions.testing.LambdaJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The device actions' function on AWS-shaped events, over in-memory stores. */
class DevicesHandlerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.250Z");
    /** The caller, as the fixture's authorizer context names them: alice on iphone-7f3a, socket eRcq1dBfoAMCJfw=. */
    private static final String ALICE = "5c1b7e4a-2f0d-4b8e-9a57-0e6f3c2d1b90";
    private static final String CALLING_SOCKET = "eRcq1dBfoAMCJfw=";

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final RecordingConnectionCloser closer = new RecordingConnectionCloser();
    private final RecordingSessionTerminator sessions = new RecordingSessionTerminator();
    private final DevicesHandler handler;

    DevicesHandlerTest() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        handler = new DevicesHandler(new DevicesHandler.UseCases(
                new ListDevices(devices, connections, clock),
                new RevokeDevice(devices, connections, closer, clock),
                new SignOutEverywhere(devices, connections, closer, sessions, clock)));
        connected("iphone-7f3a", "ios", CALLING_SOCKET, NOW.minusSeconds(10));
        connected("tablet", "android", "tablet-socket", NOW.minusSeconds(600));
    }

    private void connected(String deviceId, String platform, String connectionId, Instant at) {
        devices.seen(ALICE, deviceId, platform, at);
        connections.save(Connection.opened(connectionId, ALICE, deviceId, at));
    }

    private JsonNode answer(String action, String fields) {
        APIGatewayV2WebSocketEvent event = LambdaJson.event("create-conversation.json", APIGatewayV2WebSocketEvent.class);
        event.getRequestContext().setRouteKey(action);
        event.setBody("{\"action\":\"" + action + "\",\"requestId\":\"r1\"" + fields + "}");
        APIGatewayV2WebSocketResponse response = handler.handleRequest(event, null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        return LambdaJson.frame(response);
    }

    @Test
    void list_devices_answers_the_callers_devices_newest_first() {
        JsonNode reply = answer("listDevices", "");

        assertThat(reply.get("requestId").asText()).isEqualTo("r1");
        JsonNode listed = reply.get("devices");
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).get("deviceId").asText()).isEqualTo("iphone-7f3a");
        assertThat(listed.get(0).get("platform").asText()).isEqualTo("ios");
        assertThat(listed.get(0).get("current").asBoolean()).isTrue();
        assertThat(listed.get(0).get("connected").asBoolean()).isTrue();
        assertThat(listed.get(0).get("lastSeenAt").asLong()).isEqualTo(NOW.minusSeconds(10).toEpochMilli());
        assertThat(listed.get(1).get("deviceId").asText()).isEqualTo("tablet");
        assertThat(listed.get(1).get("current").asBoolean()).isFalse();
        assertThat(listed.get(1).get("revoked").asBoolean()).isFalse();
    }

    @Test
    void revoke_device_closes_the_devices_socket_and_says_how_many() {
        JsonNode reply = answer("revokeDevice", ",\"deviceId\":\"tablet\"");

        assertThat(reply.get("deviceId").asText()).isEqualTo("tablet");
        assertThat(reply.get("closedConnections").asInt()).isEqualTo(1);
        assertThat(closer.closed()).containsExactly("tablet-socket");
    }

    @Test
    void revoking_an_unknown_device_is_not_found() {
        JsonNode reply = answer("revokeDevice", ",\"deviceId\":\"ghost\"");

        assertThat(reply.get("type").asText()).isEqualTo("error");
        assertThat(reply.get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(reply.get("message").asText()).contains("ghost");
    }

    @Test
    void revoking_the_calling_device_is_a_bad_request() {
        JsonNode reply = answer("revokeDevice", ",\"deviceId\":\"iphone-7f3a\"");

        assertThat(reply.get("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(closer.closed()).isEmpty();
    }

    @Test
    void sign_out_everywhere_signs_the_authorizers_username_out_and_closes_every_other_socket() {
        JsonNode reply = answer("signOutEverywhere", "");

        assertThat(reply.get("revokedDevices").asInt()).isEqualTo(2);
        assertThat(reply.get("closedConnections").asInt()).isEqualTo(1);
        assertThat(sessions.signedOut()).containsExactly("alice");
        assertThat(closer.closed()).containsExactly("tablet-socket");
    }
}
