package dev.parley.localenv.gateway;

import dev.parley.localenv.gateway.testfunctions.EventRecorder;
import dev.parley.localenv.gateway.testfunctions.ScriptedFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static dev.parley.localenv.gateway.TestApis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@link GatewaySettings#maxConcurrentHandshakes}, a connect over the limit is refused 429 before
 * any function runs, and the permit comes back when a handshake ends.
 */
class HandshakeLimitTest {
    private static final String RECORDER = TestApis.recorderName();
    private static final EventRecorder EVENTS = EventRecorder.named(RECORDER);
    private static WebSocketGateway gateway;

    @BeforeAll
    static void startWithALimitOfOne() throws Exception {
        gateway = TestApis.start(TestApis.full(RECORDER, true), GatewaySettings.defaults().withMaxConcurrentHandshakes(1));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop();
    }

    @Test
    void a_connect_over_the_limit_is_refused_429_without_running_the_authorizer() throws Exception {
        String latch = UUID.randomUUID().toString();
        CompletableFuture<TestSocket> first = CompletableFuture.supplyAsync(
                () -> TestSocket.connect(TestApis.uri(gateway, "token=allow&latch=" + latch)));
        EVENTS.await(e -> e.at("/queryStringParameters/latch").asText().equals(latch)
                && e.at("/requestContext/eventType").asText().equals("CONNECT"), WAIT);
        int authorizerCallsBefore = TestApis.authorizerCalls(EVENTS);

        assertThat(TestSocket.refusedStatus(TestApis.uri(gateway, "token=allow"))).isEqualTo(429);
        assertThat(TestApis.authorizerCalls(EVENTS)).isEqualTo(authorizerCallsBefore);

        ScriptedFunction.release(latch);
        first.get().session().close();
        TestSocket.connect(TestApis.uri(gateway, "token=allow")).session().close();
        assertThat(TestApis.authorizerCalls(EVENTS)).isEqualTo(authorizerCallsBefore + 1);
    }

    @Test
    void a_refused_handshake_gives_its_permit_back() {
        assertThat(TestSocket.refusedStatus(TestApis.uri(gateway, "token=deny"))).isEqualTo(403);
        TestSocket.connect(TestApis.uri(gateway, "token=allow")).session().close();
    }
}
