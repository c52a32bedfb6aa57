package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parley.functions.domain.delivery.DeliveryReport;
import dev.parley.functions.domain.message.DeliverFanOutPage;
import dev.parley.functions.domain.message.FanOutJob;
import dev.parley.functions.lambda.SqsBatch;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.FanOutWiring;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fan-out worker of large conversations: two event source mappings (ReportBatchItemFailures),
 * each with its own concurrency, hand it batches of jobs: the fan-out queue's, each a page of a
 * message's viewers, and the activity queue's, each a page of an activity round's members. The
 * jobs of a batch run at once ({@link SqsBatch#processInParallel}), so a page never waits for the
 * posts of the pages before it in the batch; their posts share the process's posting threads and
 * its share of the request quota. A job whose reads failed, or some of whose posts failed after
 * their retries, is named in {@code batchItemFailures}, so SQS redelivers it (clients keep a
 * message once by seq, an activity event is a hint); after the queue's maxReceiveCount it moves to
 * the dead-letter queue. A body that is not a job fails the same way.
 *
 * <p>Environment: {@code AWS_REGION}, {@code MESSAGES_TABLE}, {@code MEMBERSHIPS_TABLE},
 * {@code CONNECTIONS_TABLE}, {@code MANAGEMENT_ENDPOINT}, {@code FANOUT_QUEUE_URL}, {@code ACTIVITY_QUEUE_URL}.
 */
public final class FanOutWorkerHandler extends PrimedHandler<SQSEvent, SQSBatchResponse> {
    private static final JsonLogger LOG = JsonLogger.of(FanOutWorkerHandler.class);

    private final DeliverFanOutPage deliver;

    /** Lambda's entry point: configured from the process environment, primed before a SnapStart snapshot. */
    public FanOutWorkerHandler() {
        this(new FanOutWiring(System.getenv()));
        primeBeforeSnapshot();
    }

    /** An instance with its own environment, as local-env runs each function. */
    public FanOutWorkerHandler(Map<String, String> environment) {
        this(new FanOutWiring(environment));
    }

    /** An instance around a given use case, for tests. */
    public FanOutWorkerHandler(DeliverFanOutPage deliver) {
        super(() -> { });
        this.deliver = deliver;
    }

    private FanOutWorkerHandler(FanOutWiring wiring) {
        super(wiring::prime, wiring::offline);
        this.deliver = wiring.deliverFanOutPage();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        // Each body is parsed once: a page's frames can be most of its 256 KiB, and the lanes need the jobs too.
        Map<SQSEvent.SQSMessage, FanOutJob> jobs = jobs(event);
        SqsBatch.Record page = record -> {
            // A body that is not a job was left out: parsing it again throws its own error, and the record fails.
            FanOutJob job = jobs.containsKey(record) ? jobs.get(record) : FanOutJob.fromJson(record.getBody());
            DeliveryReport report = deliver.deliver(job);
            LOG.info("fan-out page delivered", JsonLogger.fields("messageId", record.getMessageId(),
                    "conversationId", job.conversationId(), "seq", job.seq(), "delivered", report.delivered(),
                    "gone", report.gone(), "failed", report.failed()));
            return report.failed() == 0;
        };
        // A batch comes from one queue. Viewers pages run at once, as a reader waits for each, except that the
        // pages of one lane (a conversation's heads, or one of its shards) run one after another in the batch's
        // order, so a viewer gets its messages in seq order (racing pages made a client see a gap and sync). An
        // activity round's pages are background work and run one after another: a round's walk (index Query,
        // connections and cursor BatchGets) then reads at one page's pace and leaves the tables to the viewers.
        return activityBatch(event, jobs) ? SqsBatch.process(event, LOG, page)
                : SqsBatch.processInParallel(event, LOG, record -> lane(record, jobs.get(record)), page);
    }

    /** The batch's jobs by record (identity); a body that is not a job is left out. */
    private static Map<SQSEvent.SQSMessage, FanOutJob> jobs(SQSEvent event) {
        Map<SQSEvent.SQSMessage, FanOutJob> jobs = new IdentityHashMap<>();
        for (SQSEvent.SQSMessage record : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
            try {
                jobs.put(record, FanOutJob.fromJson(record.getBody()));
            } catch (IllegalArgumentException notAJob) {
                // handled as the record's own failure
            }
        }
        return jobs;
    }

    /**
     * A viewers page's lane in its batch: its conversation and shard ("head" for a message's first page).
     * While the viewer entries stay put, each viewer is posted by the pages of one lane only (the heads, or
     * its shard's later pages), so the lane keeps its messages in order while a message's shards still run
     * side by side; an entry that moves between head and rest, or pages in two batches, can still race,
     * and that client syncs over the gap. A body that is not a job is its own lane, and fails there.
     */
    static String laneOf(SQSEvent.SQSMessage record) {
        SQSEvent single = new SQSEvent();
        single.setRecords(List.of(record));
        return lane(record, jobs(single).get(record));
    }

    private static String lane(SQSEvent.SQSMessage record, FanOutJob job) {
        return job == null ? "record " + record.getMessageId()
                : job.conversationId() + "#" + (job.shard() == null ? "head" : job.shard());
    }

    /** Whether the batch is an activity round's (a batch comes from one queue, so its first record says). */
    static boolean activityBatch(SQSEvent event) {
        return activityBatch(event, jobs(event));
    }

    private static boolean activityBatch(SQSEvent event, Map<SQSEvent.SQSMessage, FanOutJob> jobs) {
        if (event.getRecords() == null || event.getRecords().isEmpty()) {
            return false;
        }
        FanOutJob first = jobs.get(event.getRecords().getFirst());
        return first != null && first.stage() == FanOutJob.Stage.ACTIVITY;
    }

    @Override
    SQSEvent primingEvent() {
        return PrimingEvents.fanOutJob();
    }
}
