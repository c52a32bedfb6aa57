package dev.parley.localenv.events;

import dev.parley.localenv.gateway.LambdaFunctionException;
import dev.parley.localenv.gateway.LambdaInvoker;
import dev.parley.localenv.gateway.LambdaMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lambda's poller for one SQS event source mapping. One thread receives batches (up to
 * {@code BatchSize}, gathering for up to {@code MaximumBatchingWindowInSeconds}) and hands each to an
 * invocation thread, at most {@code maximumConcurrency} at a time. After an invocation it deletes the
 * messages that succeeded: all of them, or with {@code ReportBatchItemFailures} all but the ones the
 * response names ({@link BatchResponses}); after a function error it deletes none. Messages left in the
 * queue come back when their visibility timeout ends, and moto's RedrivePolicy moves one received
 * {@code maxReceiveCount} times to the dead-letter queue, as SQS does.
 *
 * <p>It long-polls, as Lambda's pollers do, for {@link #LONG_POLL_SECONDS} at a time: a job is received as
 * soon as it is sent, not after a pause. moto_serial.py waits out a long poll without holding moto's lock
 * and ends it when a send to the queue is served; moto's own long poll would hold every other request.
 * Within a batching window it short-polls, pausing {@code idlePause} after an empty receive, so the
 * batch goes out when the window ends.
 */
final class SqsPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);
    private static final int MAX_RECEIVE = 10;
    /**
     * A receive's {@code WaitTimeSeconds}. Lambda waits 20 s; locally one idle receive a second costs
     * little, and {@link #close()} waits for the receive in progress, so this is how long closing can take.
     */
    static final int LONG_POLL_SECONDS = 1;

    private final SqsEventSource source;
    private final LambdaInvoker invoker;
    private final SqsClient sqs;
    private final String region;
    private final Duration idlePause;
    private final Semaphore slots;
    private final ExecutorService invocations;
    private final Thread thread;
    private volatile boolean running = true;
    private boolean pollFailing;

    SqsPoller(SqsEventSource source, LambdaInvoker invoker, SqsClient sqs, String region, Duration idlePause) {
        this.source = source;
        this.invoker = invoker;
        this.sqs = sqs;
        this.region = region;
        this.idlePause = idlePause;
        this.slots = new Semaphore(source.maximumConcurrency());
        AtomicInteger count = new AtomicInteger();
        // Platform threads, like the gateway's invocations: a handler blocking in synchronized code pins a carrier.
        this.invocations = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "sqs-" + source.function().logicalId() + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::poll, "sqs-poller-" + source.logicalId());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
        LOG.info("sqs event source started mapping={} function={} batchSize={} windowSeconds={} reportBatchItemFailures={}",
                source.logicalId(), source.function().logicalId(), source.batchSize(), source.batchingWindow().toSeconds(),
                source.reportBatchItemFailures());
    }

    private void poll() {
        while (running) {
            try {
                slots.acquire();
                List<Message> batch = collectBatch();
                long received = System.currentTimeMillis();
                if (batch.isEmpty() || !running) {
                    slots.release();
                    giveBack(batch);
                    continue;
                }
                invocations.execute(() -> {
                    try {
                        process(batch, received);
                    } finally {
                        slots.release();
                    }
                });
            } catch (InterruptedException e) {
                return;
            } catch (SdkException e) {
                slots.release();
                if (!running) {
                    return;
                }
                if (!pollFailing) {
                    LOG.warn("sqs receive failed, retrying mapping={} error={}", source.logicalId(), e.toString());
                }
                pollFailing = true;
                pause(Duration.ofSeconds(1));
            }
        }
    }

    /** One receive; with a batching window, more receives until the batch is full or the window has passed. */
    private List<Message> collectBatch() {
        List<Message> batch = new ArrayList<>(receive(Math.min(MAX_RECEIVE, source.batchSize()), LONG_POLL_SECONDS));
        pollFailing = false;
        Instant windowEnd = Instant.now().plus(source.batchingWindow());
        while (!batch.isEmpty() && running && batch.size() < source.batchSize() && Instant.now().isBefore(windowEnd)) {
            // Short polls within the window: a long poll (whole seconds) would hold the batch past it.
            List<Message> more = receive(Math.min(MAX_RECEIVE, source.batchSize() - batch.size()), 0);
            if (more.isEmpty()) {
                pause(idlePause);
            }
            batch.addAll(more);
        }
        return batch;
    }

    private List<Message> receive(int count, int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(source.queueUrl()).maxNumberOfMessages(count)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
        if (!messages.isEmpty()) {
            LambdaMeter.eventSourceRequest();
        }
        return messages;
    }

    private void process(List<Message> batch, long received) {
        Set<String> ids = SqsEvents.messageIds(batch);
        byte[] event = SqsEvents.event(batch, source.queueArn(), region).toString().getBytes(StandardCharsets.UTF_8);
        Set<String> failed;
        long invoked = System.currentTimeMillis();
        try {
            byte[] response = invoker.invoke(event, Instant.now().plus(source.functionTimeout()));
            failed = source.reportBatchItemFailures() ? BatchResponses.failedIds(response, ids) : Set.of();
        } catch (LambdaFunctionException e) {
            LOG.warn("sqs batch failed, every message returns after its visibility timeout mapping={} messages={} error={}",
                    source.logicalId(), batch.size(), String.valueOf(e.getCause()));
            return;
        } finally {
            logDeliveries(batch, received, invoked);
        }
        if (!failed.isEmpty()) {
            LOG.info("sqs batch partly failed, failed messages return after their visibility timeout mapping={} messages={} failed={}",
                    source.logicalId(), batch.size(), failed.size());
        }
        delete(batch.stream().filter(m -> !failed.contains(m.messageId())).toList());
    }

    private void logDeliveries(List<Message> batch, long received, long invoked) {
        long done = System.currentTimeMillis();
        for (Message message : batch) {
            String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
            SqsDeliveryLog.record(new SqsDeliveryLog.Delivery(source.logicalId(), message.body(),
                    sent == null ? received : Long.parseLong(sent), received, invoked, done, batch.size()));
        }
    }

    private void delete(List<Message> succeeded) {
        for (int from = 0; from < succeeded.size(); from += MAX_RECEIVE) {
            List<DeleteMessageBatchRequestEntry> entries = succeeded.subList(from, Math.min(succeeded.size(), from + MAX_RECEIVE))
                    .stream().map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                    .toList();
            try {
                LambdaMeter.eventSourceRequest();
                var result = sqs.deleteMessageBatch(r -> r.queueUrl(source.queueUrl()).entries(entries));
                result.failed().forEach(f -> LOG.warn("sqs delete failed, the message will be delivered again mapping={} code={} message={}",
                        source.logicalId(), f.code(), f.message()));
            } catch (SdkException e) {
                LOG.warn("sqs delete failed, the batch will be delivered again mapping={} error={}", source.logicalId(), e.toString());
            }
        }
    }

    /** Messages received while stopping: visible again at once, for whoever polls the queue next. */
    private void giveBack(List<Message> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            sqs.changeMessageVisibilityBatch(r -> r.queueUrl(source.queueUrl()).entries(batch.stream()
                    .map(m -> ChangeMessageVisibilityBatchRequestEntry.builder().id(m.messageId())
                            .receiptHandle(m.receiptHandle()).visibilityTimeout(0).build())
                    .toList()));
        } catch (SdkException e) {
            LOG.warn("sqs messages received while stopping return after their visibility timeout mapping={} error={}",
                    source.logicalId(), e.toString());
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops receiving: the receive in progress ends within {@link #LONG_POLL_SECONDS}; its messages are given back. */
    void stop() {
        running = false;
        thread.interrupt();
    }

    /** Stops receiving, then waits (up to 10 s) for the batches in flight, which still delete what succeeded. */
    @Override
    public void close() {
        stop();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
            invocations.shutdown();
            if (!invocations.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("sqs invocations still running at shutdown mapping={}", source.logicalId());
                invocations.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            invocations.shutdownNow();
        }
    }
}
