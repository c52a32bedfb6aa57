package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.model.v1.Actions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends messages over the wire and waits for their replies. A workload is a set of chains, one per
 * conversation: a chain's sends go one after another (as one person's messages do; concurrent
 * sends into one conversation would measure seq contention, not the send path), chains run side by
 * side, at most {@code inFlight} at a time, so that the single-threaded moto keeps up.
 */
final class SendDriver {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicLong MESSAGE_IDS = new AtomicLong();
    /** With not one send stored after this many failures, the send path is not working: stop early. */
    private static final int GIVE_UP_AFTER_FAILURES = 20;

    /** What a run of sends did: the clientMessageIds that were stored, and the failures. */
    record Outcome(List<String> stored, int failures, String firstFailure, Duration elapsed) {
    }

    private final SendLog log;
    private final Progress progress;

    SendDriver(SendLog log, Progress progress) {
        this.log = log;
        this.progress = progress;
    }

    Outcome run(String label, List<List<PlannedSend>> chains, int inFlight) throws InterruptedException {
        int total = chains.stream().mapToInt(List::size).sum();
        List<String> stored = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long started = System.nanoTime();
        try (AutoCloseable ticker = progress.every2Seconds(() -> "%s: %d/%d sent, %d failed".formatted(
                label, stored.size() + failures.get(), total, failures.get()));
             ExecutorService pool = Executors.newFixedThreadPool(inFlight)) {
            for (List<PlannedSend> chain : chains) {
                pool.execute(() -> {
                    for (PlannedSend send : chain) {
                        if (stored.isEmpty() && failures.get() >= GIVE_UP_AFTER_FAILURES) {
                            return;
                        }
                        try {
                            stored.add(send(send).clientMessageId());
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, e.getMessage());
                        }
                    }
                });
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        awaitDeliveries(label, stored);
        return new Outcome(List.copyOf(stored), failures.get(), firstFailure.get(), elapsed);
    }

    /**
     * Send to first delivery, one send at a time, alternately without and with the injected AWS
     * delay, so that both halves see the same conditions (moto's state, the machine's load); and the
     * round trips each delayed send made one after another, counted from its AWS calls ({@link RoundTrips}).
     */
    Latency latency(String label, List<PlannedSend> sends, Duration delay) throws InterruptedException {
        List<String> baseline = new ArrayList<>();
        List<String> delayed = new ArrayList<>();
        List<long[]> delayedWindows = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        List<String> reasons = new ArrayList<>();
        List<AwsCallLog.Call> calls;
        AwsCallLog.start();
        try (AutoCloseable ticker = progress.every2Seconds(() -> "%s: %d/%d pairs sent, %d failed".formatted(
                label, delayed.size(), sends.size(), failures.get()))) {
            for (PlannedSend send : sends) {
                try {
                    InjectedAwsLatency.set(Duration.ZERO);
                    baseline.add(send(send).clientMessageId());
                    InjectedAwsLatency.set(delay);
                    long sent = System.nanoTime();
                    delayed.add(send(send).clientMessageId());
                    delayedWindows.add(new long[] {sent, System.nanoTime()});
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    keep(reasons, e.getMessage());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            InjectedAwsLatency.set(Duration.ZERO);
            calls = AwsCallLog.stop();
        }
        RoundTripCounts roundTrips = RoundTripCounts.of(delayedWindows.stream().map(window -> RoundTrips.ofSend(
                calls.stream().filter(call -> call.startNanos() >= window[0] && call.startNanos() <= window[1]).toList()))
                .toList());
        awaitDeliveries(label, baseline);
        awaitDeliveries(label, delayed);
        List<Double> baselineMillis = log.firstDeliveryMillis(baseline);
        List<Double> delayedMillis = log.firstDeliveryMillis(delayed);
        int undelivered = baseline.size() - baselineMillis.size() + delayed.size() - delayedMillis.size();
        if (undelivered > 0) {
            keep(reasons, "%d stored sends reached no recipient within %d s".formatted(undelivered, DELIVERY_TIMEOUT.toSeconds()));
        }
        return Latency.of(delay.toMillis(), baselineMillis, delayedMillis, failures.get() + undelivered, reasons, roundTrips);
    }

    private static void keep(List<String> reasons, String reason) {
        if (reasons.size() < Latency.KEPT_FAILURES) {
            reasons.add(reason);
        }
    }

    /** A stored send: its clientMessageId and the reply. */
    record Sent(String clientMessageId, long seq, JsonNode reply) {
    }

    /** One sendMessage; returns once the reply (with a seq) is in. */
    Sent send(PlannedSend send) {
        String clientMessageId = "m" + MESSAGE_IDS.incrementAndGet();
        var fields = Device.fields()
                .put("conversationId", send.room().conversationId())
                .put("clientMessageId", clientMessageId)
                .put("text", "Benchmark message " + clientMessageId + " from " + send.sender().user().username());
        log.sending(clientMessageId, send.room().recipientsPerMessage());
        try {
            JsonNode reply = send.sender().request(Actions.SEND_MESSAGE, fields)
                    .get(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!reply.path("seq").canConvertToLong() || reply.path("seq").asLong() < 1) {
                throw new IllegalStateException("a sendMessage reply without a seq: " + reply);
            }
            return new Sent(clientMessageId, reply.path("seq").asLong(), reply);
        } catch (Exception e) {
            log.failed(clientMessageId);
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("sendMessage failed: " + cause.getMessage(), cause);
        }
    }

    void awaitDeliveries(String label, List<String> stored) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        long expected = log.expected(stored);
        while (log.delivered(stored) < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (log.delivered(stored) < expected) {
            progress.say("%s: only %d of %d deliveries arrived within %d s", label, log.delivered(stored), expected,
                    DELIVERY_TIMEOUT.toSeconds());
        }
    }
}
