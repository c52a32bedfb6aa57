package dev.parley.functions.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parley.functions.log.JsonLogger;

import java.util.ArrayList;
import java.util.List;

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

    public static SQSBatchResponse process(SQSEvent event, JsonLogger log, Record work) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage record : records) {
            boolean handled;
            try {
                handled = work.handle(record);
            } catch (RuntimeException e) {
                log.error("queue record failed", JsonLogger.fields("messageId", record.getMessageId()), e);
                handled = false;
            }
            if (!handled) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
