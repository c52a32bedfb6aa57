package dev.parley.functions.handler;

import dev.parley.functions.domain.Metrics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parley.functions.domain.push.DeliverMentionPushes;
import dev.parley.functions.domain.push.DeliverPushes;
import dev.parley.functions.domain.push.PushJob;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.PushWiring;

import java.util.Map;
import java.util.function.Supplier;
import dev.parley.functions.lambda.SqsBatch;

/**
 * The push worker: the push queue's event source mapping (ReportBatchItemFailures) hands it
 * batches of jobs the send path enqueued. Each job is delivered on its own; a job that failed, in
 * part or whole, is named in {@code batchItemFailures}, so SQS redelivers only it (and, after the
 * queue's maxReceiveCount, moves it to the dead-letter queue). A body that is not a job fails the
 * same way and ends in the dead-letter queue, where it can be inspected. A large conversation's job
 * names the members a message mentions or replies to instead of targets ({@link DeliverMentionPushes}).
 *
 * <p>Environment: {@code AWS_REGION}, {@code DEVICES_TABLE}, {@code MEMBERSHIPS_TABLE},
 * {@code CONNECTIONS_TABLE}, {@code RATE_LIMITS_TABLE} (the mention push collapse, read on the first such job).
 */
public final class PushWorkerHandler extends PrimedHandler<SQSEvent, SQSBatchResponse> {
    private static final JsonLogger LOG = JsonLogger.of(PushWorkerHandler.class);

    private final DeliverPushes deliverPushes;
    private final Supplier<DeliverMentionPushes> mentionPushes;
    private final Metrics metrics;

    /** Lambda's entry point: configured from the process environment, primed before a SnapStart snapshot. */
    public PushWorkerHandler() {
        this(new PushWiring(System.getenv()));
        primeBeforeSnapshot();
    }

    /** An instance with its own environment, as local-env runs each function. */
    public PushWorkerHandler(Map<String, String> environment) {
        this(new PushWiring(environment));
    }

    /** An instance around a given use case, for tests. */
    public PushWorkerHandler(DeliverPushes deliverPushes) {
        this(deliverPushes, null);
    }

    /** An instance around given use cases, for tests. */
    public PushWorkerHandler(DeliverPushes deliverPushes, DeliverMentionPushes mentionPushes) {
        super(() -> { });
        this.deliverPushes = deliverPushes;
        this.mentionPushes = () -> mentionPushes;
        this.metrics = Metrics.NONE;
    }

    private PushWorkerHandler(PushWiring wiring) {
        super(wiring::prime, wiring::offline);
        this.deliverPushes = wiring.deliverPushes();
        this.mentionPushes = wiring::deliverMentionPushes;
        this.metrics = wiring.metrics();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, LOG, record -> {
            PushJob job = PushJob.fromJson(record.getBody());
            DeliverPushes.Outcome outcome = job.mentioned().isEmpty()
                    ? deliverPushes.deliver(job) : mentionPushes.get().deliver(job);
            metrics.record(Metrics.Metric.PUSH_JOBS, 1);
            LOG.info("push job handled", JsonLogger.fields("messageId", record.getMessageId(),
                    "conversationId", job.conversationId(), "seq", job.seq(), "sent", outcome.sent(),
                    "invalidated", outcome.invalidated(), "failed", outcome.failed()));
            return outcome.failed() == 0;
        });
    }

    @Override
    SQSEvent primingEvent() {
        return PrimingEvents.pushJob();
    }
}
