package dev.parley.localenv.events;

import dev.parley.localenv.gateway.FunctionDefinition;

import java.time.Duration;
import java.util.Objects;

/**
 * One {@code AWS::Lambda::EventSourceMapping} from an SQS queue, as the template declares it.
 *
 * @param logicalId               the mapping's logical id (named in logs)
 * @param queueArn                {@code EventSourceArn}, the records' {@code eventSourceARN}
 * @param queueUrl                the provisioned queue's URL
 * @param function                the function behind {@code FunctionName} (through its alias)
 * @param batchSize               {@code BatchSize} (default 10)
 * @param batchingWindow          {@code MaximumBatchingWindowInSeconds} (default 0)
 * @param reportBatchItemFailures {@code FunctionResponseTypes} contains {@code ReportBatchItemFailures}
 * @param maximumConcurrency      concurrent invocations: {@code ScalingConfig.MaximumConcurrency}, else
 *                                {@link SqsEventSourceReader#DEFAULT_CONCURRENCY}
 * @param functionTimeout         the function's {@code Timeout} (default 3 s), what the Lambda Context counts down
 */
public record SqsEventSource(String logicalId, String queueArn, String queueUrl, FunctionDefinition function, int batchSize,
                             Duration batchingWindow, boolean reportBatchItemFailures, int maximumConcurrency,
                             Duration functionTimeout) {
    public SqsEventSource {
        Objects.requireNonNull(queueUrl, "queueUrl");
        if (batchSize < 1 || maximumConcurrency < 1) {
            throw new IllegalArgumentException("batch size and concurrency must be positive in " + logicalId);
        }
    }

    /** The same mapping with another function definition (local-env adds its own environment variables). */
    public SqsEventSource withFunction(FunctionDefinition other) {
        return new SqsEventSource(logicalId, queueArn, queueUrl, other, batchSize, batchingWindow, reportBatchItemFailures,
                maximumConcurrency, functionTimeout);
    }
}
