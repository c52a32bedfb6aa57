package dev.parley.client.signal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * At most {@code width} asynchronous steps under way at once; the others wait their turn in order. A first
 * send to a large group claims every member's keys: a thousand claims fired together are a thousand Lambda
 * invocations at once, and past the function's concurrency they wait beyond API Gateway's 29 s and fail.
 */
final class Lanes {
    private final int width;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;

    Lanes(int width) {
        this.width = width;
    }

    <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> step) {
        CompletableFuture<T> done = new CompletableFuture<>();
        Runnable start = () -> {
            CompletableFuture<T> started;
            try {
                started = step.get();
            } catch (RuntimeException e) {
                started = new CompletableFuture<>();
                started.completeExceptionally(e);
            }
            started.whenComplete((value, error) -> {
                release();
                if (error != null) {
                    done.completeExceptionally(error);
                } else {
                    done.complete(value);
                }
            });
        };
        synchronized (this) {
            if (running >= width) {
                waiting.add(start);
                return done;
            }
            running++;
        }
        start.run();
        return done;
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            // Not on this stack: steps that fail at once (offline) would otherwise nest a thousand deep.
            ForkJoinPool.commonPool().execute(next);
        }
    }
}
