package dev.parley.functions.domain.push;

import dev.parley.functions.log.JsonLogger;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import dev.parley.functions.domain.delivery.PushTarget;

/**
 * Domain service of the send path: hands a stored message to the push worker, off the request's
 * critical path, only when a push is due. The targets come from the fan-out's lookup, which read
 * the members' push summaries in the same BatchGetItem as their connections: the registered
 * devices without a live connection, minus the sending device. When there are none (nobody
 * registered, or every registered device is live), nothing is enqueued: no SQS message, no
 * worker invocation, no extra call. The enqueue runs on a virtual thread while the fan-out posts; the send waits for
 * both before replying (a Lambda is frozen after it returns), so it costs the longer of the two,
 * not their sum. A failed enqueue is logged and never fails the send: the message is stored, and
 * offline devices still catch up through sync when they connect; they only miss the notification.
 */
public final class MessagePushes {
    private static final JsonLogger LOG = JsonLogger.of(MessagePushes.class);
    private static final ExecutorService ENQUEUES = Executors.newVirtualThreadPerTaskExecutor();

    private final PushQueue queue;

    public MessagePushes(PushQueue queue) {
        this.queue = queue;
    }

    /** Push off: nothing is enqueued (a deployment without PUSH_QUEUE_URL, and tests). */
    public static MessagePushes off() {
        return new MessagePushes(null);
    }

    /** Whether pushes are on: the send path then reads the members' push summaries with their connections. */
    public boolean on() {
        return queue != null;
    }

    /**
     * Enqueues a large conversation's job for the members it names ({@link PushJob#mentioned}), whose
     * devices the worker looks up; nothing when pushes are off or it names nobody. Throws when the
     * queue refused it: the caller logs that and still replies.
     */
    public void notifyNamed(PushJob job) {
        if (queue != null && !job.mentioned().isEmpty()) {
            queue.enqueue(job);
        }
    }

    /**
     * Starts enqueueing the job once the offline registered devices are known, if there are any
     * besides the sending device.
     *
     * @param job            the job without targets
     * @param offlineTargets the fan-out's lookup: registered devices with no live connection; may block until known
     * @return completes when the job is enqueued, found unneeded, or its failure logged; never completes exceptionally
     */
    public CompletableFuture<Void> enqueue(PushJob job, Supplier<List<PushTarget>> offlineTargets) {
        if (queue == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            try {
                List<PushTarget> targets = offlineTargets.get().stream()
                        .filter(target -> !job.sentFrom(target.userId(), target.deviceId()))
                        .toList();
                if (!targets.isEmpty()) {
                    queue.enqueue(job.withTargets(targets));
                }
            } catch (RuntimeException e) {
                LOG.error("push not enqueued", JsonLogger.fields("conversationId", job.conversationId(), "seq", job.seq()), e);
            }
        }, ENQUEUES);
    }
}
