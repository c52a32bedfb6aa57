package dev.parley.functions.adapter.apigateway;

import dev.parley.functions.domain.connection.ConnectionRepository;
import dev.parley.functions.domain.delivery.DeliveryReport;
import dev.parley.functions.domain.delivery.EventPublisher;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.log.JsonLogger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Posts frames through API Gateway's {@code @connections} API
 * ({@code POST /{stage}/@connections/{connectionId}}), one call per socket, in parallel.
 *
 * <p>The client retries 429 and 5xx itself (see {@code AwsClients.managementApi}). A 410 means
 * the socket is gone, usually closed without a $disconnect: its connection is removed at once so
 * no later send posts to it again, and the other sockets still get the frame.
 */
public final class ManagementApiEventPublisher implements EventPublisher {
    /**
     * Posts in flight at once for one {@link #publish}. A post waits some 10-20 ms for API Gateway,
     * so a publish posts about 64 / 15 ms, some 4,000 a second, at most: a large group's page of 500
     * viewers in about 120 ms (it took 0.5 s at 16 in flight), a 64-member group's few hundred
     * devices in well under that. The rate a burst may reach is the instance's share of the
     * account-wide 10,000 requests a second quota, which {@code PostPacing} enforces, not this.
     */
    public static final int PARALLEL_POSTS = 64;
    private static final JsonLogger LOG = JsonLogger.of(ManagementApiEventPublisher.class);
    private static final DeliveryReport GONE = new DeliveryReport(0, 1, 0);
    private static final DeliveryReport FAILED = new DeliveryReport(0, 0, 1);

    private final ApiGatewayManagementApiClient managementApi;
    /**
     * About as long as a $connect (authorizer and connect function) takes when warm or restored from
     * SnapStart. Longer protects slower connects but keeps sockets that really vanished listed (and
     * posted to) for longer, until their $disconnect or the next 410 after the grace.
     */
    static final Duration CONNECTING_GRACE = Duration.ofSeconds(3);

    private final ConnectionRepository connections;
    private final ExecutorService posts;

    /** {@link #PARALLEL_POSTS} in flight in the process, as in one publish. */
    public ManagementApiEventPublisher(ApiGatewayManagementApiClient managementApi, ConnectionRepository connections) {
        this(managementApi, connections, PARALLEL_POSTS);
    }

    /**
     * @param postsInFlight posts in flight in the process, whatever number of publishes run at once: a
     *                      function that publishes several pages at once (the fan-out worker) gives each its
     *                      {@link #PARALLEL_POSTS}; the rate stays the quota share's ({@code PostPacing})
     */
    public ManagementApiEventPublisher(ApiGatewayManagementApiClient managementApi, ConnectionRepository connections,
                                       int postsInFlight) {
        if (postsInFlight < 1) {
            throw new IllegalArgumentException("posts in flight must be at least 1: " + postsInFlight);
        }
        this.managementApi = managementApi;
        this.connections = connections;
        this.posts = Executors.newFixedThreadPool(postsInFlight, Thread.ofPlatform().daemon().name("event-post-", 0).factory());
    }

    @Override
    public DeliveryReport publish(List<Recipient> to, String frameJson) {
        SdkBytes frame = SdkBytes.fromUtf8String(frameJson);
        // Each publish takes at most its share of the threads, so a page published beside others is not queued behind them.
        Semaphore slots = new Semaphore(PARALLEL_POSTS);
        List<Future<DeliveryReport>> results = new ArrayList<>(to.size());
        for (Recipient recipient : to) {
            slots.acquireUninterruptibly();
            results.add(posts.submit(() -> {
                try {
                    return post(recipient, frame);
                } finally {
                    slots.release();
                }
            }));
        }
        List<DeliveryReport> outcomes = new ArrayList<>(results.size());
        for (Future<DeliveryReport> result : results) {
            outcomes.add(outcome(result));
        }
        return DeliveryReport.sum(outcomes);
    }

    private DeliveryReport post(Recipient recipient, SdkBytes frame) {
        try {
            managementApi.postToConnection(post -> post.connectionId(recipient.connectionId()).data(frame));
            return DeliveryReport.reached(recipient.userId());
        } catch (GoneException gone) {
            forget(recipient);
            return GONE;
        } catch (SdkException e) {
            LOG.warn("event not delivered", JsonLogger.fields("userId", recipient.userId(),
                    "connectionId", recipient.connectionId(), "errorType", e.getClass().getName()));
            return FAILED;
        }
    }

    /**
     * A failed removal only costs a wasted post later; the entry's own expiry removes it in the end.
     * An entry saved within {@link #CONNECTING_GRACE} stays: API Gateway answers 410 for a socket
     * whose $connect is still running, and that socket is about to be live.
     */
    private void forget(Recipient recipient) {
        try {
            connections.removeGone(recipient.userId(), recipient.connectionId(), Instant.now().minus(CONNECTING_GRACE));
        } catch (RuntimeException e) {
            LOG.error("gone connection not removed",
                    JsonLogger.fields("userId", recipient.userId(), "connectionId", recipient.connectionId()), e);
        }
    }

    private static DeliveryReport outcome(Future<DeliveryReport> result) {
        try {
            return result.get();
        } catch (ExecutionException e) {
            LOG.error("event post failed", JsonLogger.fields(), e.getCause());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            return FAILED;
        }
    }
}
