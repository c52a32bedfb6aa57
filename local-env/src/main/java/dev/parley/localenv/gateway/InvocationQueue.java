package dev.parley.localenv.gateway;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs asynchronous invocations with at most {@code limit} in flight; the rest wait their turn in
 * arrival order and none is ever dropped, so each submitted invocation starts exactly once. A limit of
 * zero runs everything at once. Used for {@code $disconnect}, which is best effort and asynchronous on
 * AWS: locally, a thousand of them at once would hold the one moto every other function shares.
 */
final class InvocationQueue {
    private final int limit;
    private final Queue<Supplier<CompletableFuture<?>>> waiting = new ArrayDeque<>();
    private int running;

    InvocationQueue(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.limit = limit;
    }

    /** Starts {@code invocation} now if a slot is free, else once one frees up. */
    void submit(Supplier<CompletableFuture<?>> invocation) {
        synchronized (this) {
            if (limit > 0 && running >= limit) {
                waiting.add(invocation);
                return;
            }
            running++;
        }
        start(invocation);
    }

    /**
     * Waits until every invocation submitted so far has finished, those waiting for a slot included.
     *
     * @return false if some were still running or waiting when {@code limit} had passed
     */
    synchronized boolean awaitIdle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (running > 0 || !waiting.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    synchronized int running() {
        return running;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    private void start(Supplier<CompletableFuture<?>> invocation) {
        CompletableFuture<?> finished;
        try {
            finished = invocation.get();
        } catch (RuntimeException e) {
            finished = CompletableFuture.failedFuture(e);
        }
        finished.whenComplete((result, failure) -> next());
    }

    /** A slot freed: hand it to the oldest waiting invocation, or give it back. */
    private void next() {
        Supplier<CompletableFuture<?>> invocation;
        synchronized (this) {
            invocation = waiting.poll();
            if (invocation == null) {
                running--;
                if (running == 0) {
                    notifyAll();
                }
                return;
            }
        }
        start(invocation);
    }
}
