package dev.parley.localenv.gateway;

import dev.parley.functions.adapter.apigateway.ManagementApiEventPublisher;
import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.adapter.aws.PostPacing;
import dev.parley.functions.config.DeliveryConfig;
import dev.parley.functions.domain.Metrics;
import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.functions.domain.delivery.DeliveryReport;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.testing.DummyCredentials;
import dev.parley.localenv.gateway.testfunctions.EventRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.parley.localenv.gateway.TestApis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parley's {@code @connections} adapter (the production publisher and client: pacing, 429 retries with
 * full jitter) against the emulator's account quota over real sockets. Two function instances share a
 * 5 requests/s quota and are each paced at 10 posts/s (20/s together, more than this machine's slowest
 * runs still reach), as instances whose shares were sized too generously: the gateway answers 429 to
 * many attempts, the retries (at most {@link DeliveryConfig#MAX_POST_ATTEMPTS}, full jitter up to 1 s)
 * absorb them, and every post arrives exactly once.
 */
class PacedPostsUnderQuotaTest {
    private static final int QUOTA = 5;
    private static final double PER_INSTANCE = 10;
    private static final int SOCKETS = 5;
    private static final int FRAMES_PER_INSTANCE = 4;
    private static final String RECORDER = TestApis.recorderName();
    private static final EventRecorder EVENTS = EventRecorder.named(RECORDER);

    @RegisterExtension
    static final DummyCredentials CREDENTIALS = new DummyCredentials();

    private static WebSocketGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestApis.start(TestApis.full(RECORDER, false),
                GatewaySettings.defaults().withRequestQuota(GatewaySettings.Quota.perSecond(QUOTA)));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop();
    }

    /** One function instance: its own client, pacing and pool of posting threads, counting 429s. */
    private record Instance(ManagementApiEventPublisher publisher, AtomicInteger throttled) {
        static Instance paced(double perSecond) {
            AtomicInteger throttled = new AtomicInteger();
            Metrics metrics = (metric, value) -> {
                if (metric == Metrics.Metric.CONNECTIONS_THROTTLED) {
                    throttled.addAndGet((int) value);
                }
            };
            var client = new AwsClients("us-east-1", new AwsCallCounter(), metrics).managementApi(
                    gateway.connectionsEndpoint(), PostPacing.perSecond(perSecond), DeliveryConfig.MAX_POST_ATTEMPTS);
            return new Instance(new ManagementApiEventPublisher(client, new InMemoryConnectionRepository()), throttled);
        }

        CompletableFuture<DeliveryReport> publish(List<Recipient> to, String name) {
            return CompletableFuture.supplyAsync(() -> {
                DeliveryReport report = DeliveryReport.none();
                for (int i = 0; i < FRAMES_PER_INSTANCE; i++) {
                    report = report.plus(publisher.publish(to, "{\"from\":\"" + name + "\",\"n\":" + i + "}"));
                }
                return report;
            });
        }
    }

    @Test
    void a_burst_over_the_quota_is_retried_until_every_post_arrives_exactly_once() throws Exception {
        List<TestSocket> sockets = new ArrayList<>();
        List<Recipient> recipients = new ArrayList<>();
        for (int i = 0; i < SOCKETS; i++) {
            TestSocket socket = TestSocket.connect(gateway.webSocketUri());
            sockets.add(socket);
            recipients.add(new Recipient("user" + i, TestApis.connectionId(EVENTS, socket), "device" + i));
        }
        Instance first = Instance.paced(PER_INSTANCE);
        Instance second = Instance.paced(PER_INSTANCE);

        long started = System.nanoTime();
        CompletableFuture<DeliveryReport> a = first.publish(recipients, "a");
        CompletableFuture<DeliveryReport> b = second.publish(recipients, "b");
        DeliveryReport report = a.get(60, TimeUnit.SECONDS).plus(b.get(60, TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - started) / 1e9;
        int posts = 2 * FRAMES_PER_INSTANCE * SOCKETS;
        int throttled = first.throttled().get() + second.throttled().get();
        System.out.printf("%d posts in %.2f s under a %d/s quota: %d answered 429 and retried%n", posts, seconds, QUOTA,
                throttled);

        assertThat(report.delivered()).isEqualTo(posts);
        assertThat(report.failed()).isZero();
        assertThat(report.gone()).isZero();
        assertThat(throttled).as("20 attempts a second against 5 meet the quota").isPositive();
        assertThat(seconds).as("the quota, not the pacing alone, set the pace")
                .isGreaterThanOrEqualTo((posts - QUOTA / 2.0) / QUOTA * 0.9);

        for (TestSocket socket : sockets) {
            String connectionId = recipients.get(sockets.indexOf(socket)).connectionId();
            postMarker(connectionId);
            List<String> frames = new ArrayList<>();
            for (String frame = socket.next(WAIT); !frame.equals("marker"); frame = socket.next(WAIT)) {
                frames.add(frame);
            }
            Set<String> distinct = new HashSet<>(frames);
            assertThat(frames).as("none lost, none twice").hasSize(2 * FRAMES_PER_INSTANCE).hasSameSizeAs(distinct);
            socket.session().close();
        }
    }

    /** A last frame behind every post (through 429s), so that "nothing after it" is known. */
    private static void postMarker(String connectionId) throws Exception {
        QuotaPosts.postUntilAccepted(gateway, connectionId, "marker");
    }
}
