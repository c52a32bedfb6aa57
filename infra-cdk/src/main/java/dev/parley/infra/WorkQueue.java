package dev.parley.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Work taken off a request path: an SQS queue (SSE, TLS only), its dead-letter queue, an alarm as
 * soon as anything lands there, and the event source mapping that feeds a worker function. A message
 * that failed {@value #MAX_RECEIVE_COUNT} times goes to the dead-letter queue and stays 14 days.
 *
 * <p>The worker reports partial batch failures: only the failed messages of a batch come back. It
 * runs at most {@link Props#maxConcurrency} times at once, so a burst of this work leaves the
 * account's concurrency to the chat routes.
 */
public final class WorkQueue extends Construct {

    public static final int MAX_RECEIVE_COUNT = 5;
    public static final Duration DEAD_LETTER_RETENTION = Duration.days(14);

    /**
     * Lambda's advice for SQS sources: a visibility timeout of at least six times the function's
     * timeout, so retries of a throttled batch do not make messages visible again while in flight.
     */
    static final int VISIBILITY_TIMEOUTS_PER_FUNCTION_TIMEOUT = 6;

    /**
     * @param consumerTimeout the worker function's timeout
     * @param maxConcurrency the most concurrent invocations of the worker (Lambda allows 2 to 1,000)
     */
    public record Props(Duration consumerTimeout, int maxConcurrency) {
    }

    private final Queue queue;
    private final Queue deadLetters;
    private final Alarm alarm;

    private final int maxConcurrency;

    public WorkQueue(Construct scope, String id, Props props) {
        super(scope, id);
        maxConcurrency = props.maxConcurrency();
        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(DEAD_LETTER_RETENTION)
                .build();
        RulePacks.suppress(deadLetters, "Serverless-SQSRedrivePolicy", "This is the dead-letter queue: what lands"
                + " here stays for inspection and a redrive by an operator, never a further queue");
        queue = Queue.Builder.create(this, "Queue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(Duration.seconds(
                        props.consumerTimeout().toSeconds().longValue() * VISIBILITY_TIMEOUTS_PER_FUNCTION_TIMEOUT))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVE_COUNT).build())
                .build();
        alarm = Alarm.Builder.create(this, "DeadLettersAlarm")
                .alarmDescription("Messages of " + id + " failed " + MAX_RECEIVE_COUNT
                        + " times and wait in its dead-letter queue: read the worker's logs, fix, then redrive")
                .metric(deadLetters.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(1))
                        .statistic("Maximum")
                        .build()))
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .threshold(0)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    /**
     * Feeds the queue to a worker (its {@code live} alias) in batches, with partial batch failures;
     * grants the worker what consuming needs (receive, delete, change visibility).
     *
     * @param batchingWindow how long Lambda gathers messages before invoking with fewer than a full batch
     */
    public void feed(IFunction worker, int batchSize, Duration batchingWindow) {
        worker.addEventSource(SqsEventSource.Builder.create(queue)
                .batchSize(batchSize)
                .maxBatchingWindow(batchingWindow)
                .reportBatchItemFailures(true)
                .maxConcurrency(maxConcurrency)
                .build());
        RulePacks.suppress(worker, "Serverless-LambdaEventSourceMappingDestination", "An SQS event source takes no"
                + " on-failure destination: the queue's redrive policy moves a message that failed " + MAX_RECEIVE_COUNT
                + " times to its dead-letter queue, which is alarmed");
    }

    public IQueue queue() {
        return queue;
    }

    public IQueue deadLetters() {
        return deadLetters;
    }

    /** Goes off when anything waits in the dead-letter queue. */
    public Alarm alarm() {
        return alarm;
    }
}
