package dev.parley.localenv.gateway;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class InvocationQueueTest {
    @Test
    void at_most_the_limit_run_and_the_rest_start_in_arrival_order_each_once() {
        InvocationQueue queue = new InvocationQueue(3);
        List<Integer> started = new ArrayList<>();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int index = i;
            queue.submit(() -> {
                started.add(index);
                CompletableFuture<Void> finished = new CompletableFuture<>();
                running.add(finished);
                return finished;
            });
        }
        assertThat(started).containsExactly(0, 1, 2);
        assertThat(queue.waiting()).isEqualTo(7);

        running.get(1).complete(null);
        assertThat(started).containsExactly(0, 1, 2, 3);
        running.get(0).completeExceptionally(new IllegalStateException("a failed $disconnect frees its slot too"));
        assertThat(started).containsExactly(0, 1, 2, 3, 4);
        assertThat(queue.running()).isEqualTo(3);

        for (int i = 2; i < 10; i++) {
            running.get(i).complete(null);
        }
        assertThat(started).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(queue.running()).isZero();
        assertThat(queue.waiting()).isZero();
    }

    @Test
    void an_invocation_that_throws_frees_its_slot() {
        InvocationQueue queue = new InvocationQueue(1);
        queue.submit(() -> {
            throw new IllegalStateException("could not even start");
        });
        CompletableFuture<Void> next = new CompletableFuture<>();
        queue.submit(() -> next);
        assertThat(queue.running()).isEqualTo(1);
        assertThat(queue.waiting()).isZero();
    }

    @Test
    void without_a_limit_everything_runs_at_once() {
        InvocationQueue queue = new InvocationQueue(0);
        List<Integer> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int index = i;
            queue.submit(() -> {
                started.add(index);
                return new CompletableFuture<>();
            });
        }
        assertThat(started).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void idle_only_once_every_invocation_has_finished_the_waiting_ones_too() throws InterruptedException {
        InvocationQueue queue = new InvocationQueue(1);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            queue.submit(() -> {
                CompletableFuture<Void> finished = new CompletableFuture<>();
                running.add(finished);
                return finished;
            });
        }
        assertThat(queue.awaitIdle(Duration.ZERO)).isFalse();

        running.get(0).complete(null);
        assertThat(running).hasSize(2);
        assertThat(queue.awaitIdle(Duration.ZERO)).as("the second still runs").isFalse();

        running.get(1).completeExceptionally(new IllegalStateException("a failed one is finished too"));
        assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void without_a_limit_idle_once_all_have_finished() throws InterruptedException {
        InvocationQueue queue = new InvocationQueue(0);
        CompletableFuture<Void> finished = new CompletableFuture<>();
        queue.submit(() -> finished);
        assertThat(queue.awaitIdle(Duration.ZERO)).isFalse();

        Thread completer = Thread.ofVirtual().start(() -> finished.complete(null));
        assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
        completer.join();
    }
}
