package dev.parley.localenv.events;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When each SQS message the event sources handed to a function moved, for the whole process: sent
 * (SQS's {@code SentTimestamp}), received by the poller, its invocation begun and ended. A benchmark
 * reads it to split a delivery's time into queue wait and worker time; the most recent
 * {@value #CAPACITY} deliveries are kept (bodies included: a fan-out job carries its frame, so a
 * long-running local cloud holds a few MB here at most for ordinary messages).
 */
public final class SqsDeliveryLog {
    static final int CAPACITY = 5_000;

    /**
     * One message's trip through its event source (epoch milliseconds).
     *
     * @param batchSize the records of the invocation it was in
     */
    public record Delivery(String mapping, String body, long sentMillis, long receivedMillis, long invokedMillis,
                           long doneMillis, int batchSize) {
    }

    private static final Deque<Delivery> RECENT = new ConcurrentLinkedDeque<>();
    private static final AtomicInteger SIZE = new AtomicInteger();

    private SqsDeliveryLog() {
    }

    static void record(Delivery delivery) {
        RECENT.addLast(delivery);
        if (SIZE.incrementAndGet() > CAPACITY && RECENT.pollFirst() != null) {
            SIZE.decrementAndGet();
        }
    }

    /** The deliveries whose message was sent at or after {@code sentMillis}, oldest first. */
    public static List<Delivery> sentSince(long sentMillis) {
        List<Delivery> since = new ArrayList<>();
        for (Delivery delivery : RECENT) {
            if (delivery.sentMillis() >= sentMillis) {
                since.add(delivery);
            }
        }
        return since;
    }
}
