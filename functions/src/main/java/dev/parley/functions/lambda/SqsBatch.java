package dev.parley.functions.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parley.functions.log.JsonLogger;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

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
        return processInParallel(event, log, SQSEvent.SQSMessage::getMessageId, work);
    }

    /**
     * As {@link #processInParallel(SQSEvent, JsonLogger, Record)}, except that records with the same
     * {@code orderKey} run one after another, in the batch's order, on one virtual thread: work whose
     * effects a reader sees in order (one conversation's messages) keeps that order within the batch.
     */
    public static SQSBatchResponse processInParallel(SQSEvent event, JsonLogger log,
                                                     Function<SQSEvent.SQSMessage, String> orderKey, Record work) {
        List<SQSEvent.SQSMessage> records = records(event);
        if (records.size() <= 1) {
            return process(event, log, work);
        }
        Map<String, List<SQSEvent.SQSMessage>> lanes = new LinkedHashMap<>();
        records.forEach(record -> lanes.computeIfAbsent(orderKey.apply(record), key -> new ArrayList<>()).add(record));
        Map<SQSEvent.SQSMessage, Future<Boolean>> outcomes = new IdentityHashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<SQSEvent.SQSMessage> lane : lanes.values()) {
                List<CompletableFuture<Boolean>> done = lane.stream().map(record -> new CompletableFuture<Boolean>()).toList();
                for (int i = 0; i < lane.size(); i++) {
                    outcomes.put(lane.get(i), done.get(i));
                }
                threads.submit(() -> {
                    for (int i = 0; i < lane.size(); i++) {
                        try {
                            done.get(i).complete(handled(lane.get(i), log, work));
                        } catch (Error error) {
                            // The invocation fails: this record and the lane's rest carry the error, none is left waiting.
                            done.subList(i, lane.size()).forEach(outcome -> outcome.completeExceptionally(error));
                            throw error;
                        }
                    }
                });
            }
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : records) {
            if (!succeeded(outcomes.get(record))) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
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
