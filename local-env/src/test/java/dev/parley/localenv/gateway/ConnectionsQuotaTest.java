package dev.parley.localenv.gateway;

import dev.parley.localenv.gateway.testfunctions.EventRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.LimitExceededException;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static dev.parley.localenv.gateway.TestApis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The emulated account quota over real HTTP: {@code @connections} calls over it are answered as API
 * Gateway answers them (429, {@code x-amzn-ErrorType: LimitExceededException}, which the unchanged SDK
 * turns into {@link LimitExceededException}), and the bucket refills at its rate.
 */
class ConnectionsQuotaTest {
    private static final int RATE = 1;
    private static final int BURST = 3;
    private static final String RECORDER = TestApis.recorderName();
    private static final EventRecorder EVENTS = EventRecorder.named(RECORDER);
    private static WebSocketGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestApis.start(TestApis.full(RECORDER, false),
                GatewaySettings.defaults().withRequestQuota(new GatewaySettings.Quota(RATE, BURST)));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop();
    }

    private static HttpResponse<String> post(String connectionId, String body) throws Exception {
        return QuotaPosts.post(gateway, connectionId, body);
    }

    /** A socket whose post went through once the bucket refilled (that frame already read). */
    private record Socket(TestSocket socket, String connectionId) {
        static Socket afterARefill() throws Exception {
            TestSocket socket = TestSocket.connect(gateway.webSocketUri());
            String connectionId = TestApis.connectionId(EVENTS, socket);
            QuotaPosts.postUntilAccepted(gateway, connectionId, "refill");
            socket.next(WAIT);
            return new Socket(socket, connectionId);
        }
    }

    @Test
    void posts_over_the_quota_get_429_limit_exceeded_and_the_rest_are_delivered() throws Exception {
        Socket refilled = Socket.afterARefill();
        TestSocket socket = refilled.socket();
        String connectionId = refilled.connectionId();

        int posts = 12;
        long started = System.nanoTime();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < posts; i++) {
            answers.add(post(connectionId, "post-" + i));
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        List<HttpResponse<String>> refused = answers.stream().filter(a -> a.statusCode() == 429).toList();
        long delivered = answers.stream().filter(a -> a.statusCode() == 200).count();
        assertThat(delivered + refused.size()).isEqualTo(posts);
        assertThat(delivered).as("at most the burst plus %.2f s of refill", seconds)
                .isLessThanOrEqualTo((long) Math.floor(BURST + RATE * seconds) + 1);
        assertThat(refused).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.headers().firstValue("x-amzn-ErrorType")).contains("LimitExceededException");
            assertThat(answer.headers().firstValue("x-amzn-RequestId")).isPresent();
            assertThat(answer.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
        });
        for (int i = 0; i < delivered; i++) {
            assertThat(socket.next(WAIT)).startsWith("post-");
        }
        socket.session().close();
    }

    @Test
    void the_sdk_sees_limit_exceeded_and_a_get_takes_from_the_same_quota() throws Exception {
        TestSocket socket = TestSocket.connect(gateway.webSocketUri());
        String connectionId = TestApis.connectionId(EVENTS, socket);
        try (ApiGatewayManagementApiClient management = ApiGatewayManagementApiClient.builder()
                .endpointOverride(gateway.connectionsEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build()) {
            QuotaPosts.postUntilAccepted(gateway, connectionId, "refill");
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100; i++) {
                    management.getConnection(b -> b.connectionId(connectionId));
                }
            }).isInstanceOf(LimitExceededException.class)
                    .satisfies(e -> assertThat(((LimitExceededException) e).statusCode()).isEqualTo(429));
            assertThatThrownBy(() -> management.postToConnection(b -> b.connectionId(connectionId)
                    .data(SdkBytes.fromUtf8String("after the gets")))).isInstanceOf(LimitExceededException.class);
        }
        socket.session().close();
    }

    @Test
    void inbound_messages_use_the_quota_up_but_are_never_refused() throws Exception {
        Socket refilled = Socket.afterARefill();
        TestSocket socket = refilled.socket();
        String connectionId = refilled.connectionId();
        for (int i = 0; i < BURST * 3; i++) {
            socket.session().sendText("{\"action\":\"echo\",\"n\":" + i + "}", org.eclipse.jetty.websocket.api.Callback.NOOP);
        }
        for (int i = 0; i < BURST * 3; i++) {
            assertThat(socket.next(WAIT)).as("every inbound message reached its route").isNotBlank();
        }
        assertThat(post(connectionId, "after a burst of inbound messages").statusCode()).isEqualTo(429);
        socket.session().close();
    }
}
