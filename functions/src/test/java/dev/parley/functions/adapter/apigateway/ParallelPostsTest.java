package dev.parley.functions.adapter.apigateway;

import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.functions.domain.delivery.DeliveryReport;
import dev.parley.functions.domain.delivery.Recipient;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionResponse;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many posts the publisher has in flight: 16 for one publish, and 16 for each of several publishes
 * at once as far as the process's threads allow. The client holds each post until the expected number
 * are in flight together (neither the emulator nor a scripted server can hold requests on cue).
 */
class ParallelPostsTest {
    /** The pages' callers, as the fan-out worker's records: each on its own thread (the common pool may have one). */
    private static final ExecutorService CALLERS = Executors.newVirtualThreadPerTaskExecutor();

    /** A {@code @connections} client whose posts each wait until {@code together} posts are in flight. */
    private static final class HeldPosts implements ApiGatewayManagementApiClient {
        private final CountDownLatch together;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();

        HeldPosts(int together) {
            this.together = new CountDownLatch(together);
        }

        @Override
        public PostToConnectionResponse postToConnection(PostToConnectionRequest request) {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            together.countDown();
            try {
                together.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return PostToConnectionResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }

    private static List<Recipient> sockets(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> new Recipient(prefix + i, "c-" + prefix + i, "phone")).toList();
    }

    @Test
    void one_publish_has_64_posts_in_flight_however_many_threads_the_process_has() {
        HeldPosts client = new HeldPosts(ManagementApiEventPublisher.PARALLEL_POSTS);
        ManagementApiEventPublisher publisher = new ManagementApiEventPublisher(client, new InMemoryConnectionRepository(), 256);

        assertThat(publisher.publish(sockets("u", 200), "{}").delivered()).isEqualTo(200);
        assertThat(client.most.get()).isEqualTo(64);
    }

    @Test
    void four_publishes_at_once_have_64_each_in_flight_when_the_process_has_256_threads() {
        HeldPosts client = new HeldPosts(256);
        ManagementApiEventPublisher publisher = new ManagementApiEventPublisher(client, new InMemoryConnectionRepository(), 256);

        List<CompletableFuture<DeliveryReport>> pages = IntStream.range(0, 4)
                .mapToObj(page -> CompletableFuture.supplyAsync(() -> publisher.publish(sockets("p" + page + "-", 100), "{}"), CALLERS))
                .toList();

        assertThat(pages.stream().mapToInt(page -> page.join().delivered()).sum()).isEqualTo(400);
        assertThat(client.most.get()).as("all four pages posting together").isEqualTo(256);
    }

    @Test
    void with_the_default_64_threads_publishes_at_once_share_them() {
        HeldPosts client = new HeldPosts(64);
        ManagementApiEventPublisher publisher = new ManagementApiEventPublisher(client, new InMemoryConnectionRepository());

        List<CompletableFuture<DeliveryReport>> pages = IntStream.range(0, 3)
                .mapToObj(page -> CompletableFuture.supplyAsync(() -> publisher.publish(sockets("p" + page + "-", 40), "{}"), CALLERS))
                .toList();

        assertThat(pages.stream().mapToInt(page -> page.join().delivered()).sum()).isEqualTo(120);
        assertThat(client.most.get()).isEqualTo(64);
    }
}
