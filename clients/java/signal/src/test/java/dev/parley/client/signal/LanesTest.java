package dev.parley.client.signal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A first send's claims go at most {@link Recipients#CLAIMS_IN_FLIGHT} at once, every one of them in the end. */
class LanesTest {
    @Test
    void atMostTheWidthRunsAtOnceAndEveryStepRunsInItsTurn() throws Exception {
        Lanes lanes = new Lanes(3);
        List<CompletableFuture<Integer>> running = new ArrayList<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(lanes.run(() -> {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                CompletableFuture<Integer> step = new CompletableFuture<>();
                synchronized (running) {
                    running.add(step);
                }
                return step;
            }));
        }
        assertThat(running).hasSize(3);
        for (int done = 0; done < 10; done++) {
            int next = done;
            await().atMost(5, TimeUnit.SECONDS).until(() -> {
                synchronized (running) {
                    return running.size() > next;
                }
            });
            inFlight.decrementAndGet();
            synchronized (running) {
                running.get(next).complete(next);
            }
        }
        assertThat(most).hasValue(3);
        for (int i = 0; i < 10; i++) {
            assertThat(results.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i);
        }
    }

    @Test
    void aStepThatFailsAtOnceFreesItsLane() throws Exception {
        Lanes lanes = new Lanes(1);
        CompletableFuture<Integer> failed = lanes.run(() -> {
            throw new IllegalStateException("offline");
        });
        CompletableFuture<Integer> after = lanes.run(() -> CompletableFuture.completedFuture(7));

        assertThat(failed).isCompletedExceptionally();
        assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo(7);
    }
}
