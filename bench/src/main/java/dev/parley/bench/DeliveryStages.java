package dev.parley.bench;

import dev.parley.functions.domain.message.FanOutJob;
import dev.parley.localenv.events.SqsDeliveryLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Where a large group's message spent its completion time, stage by stage, each stage ending where the
 * next begins so they add up to it: the send until the message was stored (its {@code sentAt}), until
 * its first viewers page was on the fan-out queue (SQS's {@code SentTimestamp}), until the event
 * source received it, until the worker was invoked, and from there until the last viewing device had
 * it (the worker's posts, the pages after the first, the gateway and the bench's sockets). Beside
 * them: the worker's own time (invoked until its last page's batch ended), the spread between the
 * first and the last device, and the reply's time at the sender. All epoch milliseconds, one clock.
 */
record DeliveryStages(double stored, double enqueued, double queued, double invoked, double delivered, double worker,
                      double spread, double reply, int pages, int largestBatch) {

    /**
     * One message's stages from what the bench saw and the event source's log; null when the log has
     * none of its viewers pages (the stages after storing cannot be told apart then).
     */
    static DeliveryStages of(String conversationId, long seq, long begun, long replied, long sentAt, long firstArrival,
                             long lastArrival, List<SqsDeliveryLog.Delivery> deliveries) {
        List<SqsDeliveryLog.Delivery> pages = new ArrayList<>();
        for (SqsDeliveryLog.Delivery delivery : deliveries) {
            FanOutJob job;
            try {
                job = FanOutJob.fromJson(delivery.body());
            } catch (IllegalArgumentException notAJob) {
                continue;
            }
            if (job.stage() == FanOutJob.Stage.VIEWERS && job.seq() == seq && job.conversationId().equals(conversationId)) {
                pages.add(delivery);
            }
        }
        if (pages.isEmpty()) {
            return null;
        }
        SqsDeliveryLog.Delivery first = pages.stream().min(java.util.Comparator.comparingLong(SqsDeliveryLog.Delivery::sentMillis))
                .orElseThrow();
        long lastDone = pages.stream().mapToLong(SqsDeliveryLog.Delivery::doneMillis).max().orElseThrow();
        return new DeliveryStages(sentAt - begun, first.sentMillis() - sentAt, first.receivedMillis() - first.sentMillis(),
                first.invokedMillis() - first.receivedMillis(), lastArrival - first.invokedMillis(),
                lastDone - first.invokedMillis(), lastArrival - firstArrival, replied - begun, pages.size(),
                pages.stream().mapToInt(SqsDeliveryLog.Delivery::batchSize).max().orElseThrow());
    }

    /** p50 / p99 of each stage over {@code messages}, on one line; how many had no log named. */
    static String describe(List<DeliveryStages> messages, int unlogged) {
        if (messages.isEmpty()) {
            return "no stages: the event source logged none of the messages' viewers pages";
        }
        return String.format(Locale.ROOT, "p50/p99 ms: send→stored %s, stored→enqueued %s, enqueued→received %s,"
                        + " received→invoked %s, invoked→last device %s | worker %s, first→last device %s, reply at sender %s;"
                        + " pages %d, largest batch %d%s",
                of(messages, DeliveryStages::stored), of(messages, DeliveryStages::enqueued),
                of(messages, DeliveryStages::queued), of(messages, DeliveryStages::invoked),
                of(messages, DeliveryStages::delivered), of(messages, DeliveryStages::worker),
                of(messages, DeliveryStages::spread), of(messages, DeliveryStages::reply),
                messages.stream().mapToInt(DeliveryStages::pages).max().orElse(0),
                messages.stream().mapToInt(DeliveryStages::largestBatch).max().orElse(0),
                unlogged == 0 ? "" : "; %d message(s) without logged pages".formatted(unlogged));
    }

    private static String of(List<DeliveryStages> messages, ToDoubleFunction<DeliveryStages> stage) {
        List<Double> values = messages.stream().map(stage::applyAsDouble).toList();
        return "%.0f/%.0f".formatted(Latency.percentile(values, 50), Latency.percentile(values, 99));
    }
}
