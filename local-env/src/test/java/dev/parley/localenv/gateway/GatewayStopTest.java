package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.localenv.gateway.testfunctions.EventRecorder;
import dev.parley.localenv.gateway.testfunctions.ScriptedFunction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static dev.parley.localenv.gateway.TestApis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the gateway lets the {@code $disconnect}s of the connections it closed run to the end, those
 * queued behind {@link GatewaySettings#maxConcurrentDisconnects} too, instead of interrupting them.
 */
class GatewayStopTest {
    private static final String RECORDER = TestApis.recorderName();
    private static final EventRecorder EVENTS = EventRecorder.named(RECORDER);

    @Test
    void stopping_waits_for_every_disconnect_it_fired_and_the_queued_ones_still_run() throws Exception {
        String latch = UUID.randomUUID().toString();
        WebSocketGateway gateway = TestApis.start(TestApis.withBlockingDisconnect(RECORDER, latch),
                GatewaySettings.defaults().withMaxConcurrentDisconnects(1));
        try {
            List<String> connectionIds = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                TestSocket socket = TestSocket.connect(TestApis.uri(gateway, "n=" + i));
                connectionIds.add(TestApis.connectionId(EVENTS, socket));
            }
            AtomicReference<Exception> failed = new AtomicReference<>();
            Thread stopping = Thread.ofPlatform().start(() -> {
                try {
                    gateway.stop();
                } catch (Exception e) {
                    failed.set(e);
                }
            });
            // Stopping closed all three: one $disconnect runs (blocked on the latch), two wait for its slot.
            TestApis.until(() -> disconnects().size() == 1 && gateway.disconnectsWaiting() == 2,
                    () -> "disconnects=" + disconnects().size() + " waiting=" + gateway.disconnectsWaiting());
            assertThat(stopping.isAlive()).as("stopped with $disconnects under way").isTrue();

            ScriptedFunction.release(latch);
            stopping.join(WAIT.toMillis());
            assertThat(stopping.isAlive()).isFalse();
            assertThat(failed.get()).isNull();
            assertThat(disconnects()).map(event -> event.at("/requestContext/connectionId").asText())
                    .containsExactlyInAnyOrderElementsOf(connectionIds);
        } finally {
            ScriptedFunction.release(latch);
            gateway.stop();
        }
    }

    private static List<JsonNode> disconnects() {
        return TestApis.disconnects(EVENTS);
    }
}
