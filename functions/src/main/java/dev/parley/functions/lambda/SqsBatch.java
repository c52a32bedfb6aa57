package dev.parley.functions.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parley.functions.log.JsonLogger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What every SQS-triggered function does around its records (ReportBatchItemFailures): handles
 * each record on its own, and names in {@code batchItemFailures} those that failed or threw, so
 * SQS retries only them and moves them to the dead-letter queue after their receive limit.
 */
public final class SqsBatch {
    private SqsBatch() {
    }

    /** One record's work; false (or a thrown exception) marks the record failed. */
    @FunctionalInterface
    public interface Record {
        boolean handle(SQSEvent.SQSMessage record);
    }

    /** Handles the records one after another, in their order. */
    public static SQSBatchResponse process(SQSEvent event, JsonLogger log, Record work) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : records(event)) {
            if (!handled(record, log, work)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /**
     * Handles the records at once, each on its own virtual thread, for a function whose records are
     * independent and mostly wait on the network: a batch takes as long as its slowest record, not the
     * sum. Each record still succeeds or fails on its own; an {@link Error} fails the whole invocation,
     * as it would one after another.
     */
    public static SQSBatchResponse processInParallel(SQSEvent event, JsonLogger log, Record work) {
        List<SQSEvent.SQSMessage> records = records(event);
        if (records.size() <= 1) {
            return process(event, log, work);
        }
        List<Future<Boolean>> outcomes;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            outcomes = records.stream().map(record -> threads.submit(() -> handled(record, log, work))).toList();
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (!succeeded(outcomes.get(i))) {
                failures.add(new SQSBatchResponse.BatchItemFailure(records.get(i).getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static List<SQSEvent.SQSMessage> records(SQSEvent event) {
        return event.getRecords() == null ? List.of() : event.getRecords();
    }

    private static boolean handled(SQSEvent.SQSMessage record, JsonLogger log, Record work) {
        try {
            return work.handle(record);
        } catch (RuntimeException e) {
            log.error("queue record failed", JsonLogger.fields("messageId", record.getMessageId()), e);
            return false;
        }
    }

    /** The executor is closed, so every outcome is done: only an Error thrown by the work is left to pass on. */
    private static boolean succeeded(Future<Boolean> outcome) {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a record's work threw past its handler", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
