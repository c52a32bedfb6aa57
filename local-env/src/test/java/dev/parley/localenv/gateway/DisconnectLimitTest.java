package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.localenv.gateway.testfunctions.EventRecorder;
import dev.parley.localenv.gateway.testfunctions.ScriptedFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@link GatewaySettings#maxConcurrentDisconnects}, {@code $disconnect}s over the limit wait their
 * turn instead of running, and every connection's {@code $disconnect} still runs exactly once.
 */
class DisconnectLimitTest {
    private static final String RECORDER = TestApis.recorderName();
    private static final EventRecorder EVENTS = EventRecorder.named(RECORDER);
    private static final String LATCH = UUID.randomUUID().toString();
    private static final int LIMIT = 2;
    private static WebSocketGateway gateway;

    @BeforeAll
    static void startWithBlockingDisconnects() throws Exception {
        gateway = TestApis.start(TestApis.withBlockingDisconnect(RECORDER, LATCH),
                GatewaySettings.defaults().withMaxConcurrentDisconnects(LIMIT));
    }

    @AfterAll
    static void stop() throws Exception {
        ScriptedFunction.release(LATCH);
        gateway.stop();
    }

    @Test
    void disconnects_over_the_limit_wait_their_turn_and_each_runs_once() throws Exception {
        List<String> connectionIds = new ArrayList<>();
        List<TestSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TestSocket socket = TestSocket.connect(TestApis.uri(gateway, "n=" + i));
            sockets.add(socket);
            connectionIds.add(TestApis.connectionId(EVENTS, socket));
        }
        sockets.forEach(socket -> socket.session().close());

        // Two run (each recorded its event, then blocks on the latch) and three wait: nothing frees a slot
        // until the latch is released, so this state holds still while it is asserted.
        until(() -> gateway.disconnectsWaiting() == 3 && disconnects().size() == LIMIT);
        assertThat(disconnects()).hasSize(LIMIT);

        ScriptedFunction.release(LATCH);
        until(() -> disconnects().size() == connectionIds.size());
        assertThat(disconnects()).map(event -> event.at("/requestContext/connectionId").asText())
                .containsExactlyInAnyOrderElementsOf(connectionIds);
        assertThat(gateway.disconnectsWaiting()).isZero();
    }

    private static List<JsonNode> disconnects() {
        return TestApis.disconnects(EVENTS);
    }

    private static void until(BooleanSupplier condition) throws InterruptedException {
        TestApis.until(condition, () -> "waiting=" + gateway.disconnectsWaiting() + " disconnects=" + disconnects().size());
    }
}
