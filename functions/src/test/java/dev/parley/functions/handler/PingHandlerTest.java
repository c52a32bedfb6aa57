package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.testing.LambdaJson;
import dev.parley.model.Frame;
import dev.parley.model.ProtocolCodec;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PingHandlerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.250Z");

    @Test
    void a_ping_is_answered_on_the_same_socket_with_the_servers_clock() {
        APIGatewayV2WebSocketResponse response = new PingHandler(Clock.fixed(NOW, ZoneOffset.UTC))
                .handleRequest(LambdaJson.event("ping.json", APIGatewayV2WebSocketEvent.class), null);

        Frame frame = ProtocolCodec.instance().decodeFrame(response.getBody());
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(frame).isInstanceOfSatisfying(Frame.Reply.class, reply -> {
            assertThat(reply.requestId()).isEqualTo("p-1");
            assertThat(reply.payload().get("serverTime").asLong()).isEqualTo(NOW.toEpochMilli());
        });
    }

    @Test
    void ping_needs_no_configuration() {
        APIGatewayV2WebSocketResponse response = new PingHandler(Map.of())
                .handleRequest(LambdaJson.event("ping.json", APIGatewayV2WebSocketEvent.class), null);

        assertThat(ProtocolCodec.instance().decodeFrame(response.getBody())).isInstanceOf(Frame.Reply.class);
    }
}
