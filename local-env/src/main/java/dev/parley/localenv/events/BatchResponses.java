package dev.parley.localenv.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Lambda's reading of a function's answer to an SQS batch with {@code ReportBatchItemFailures}
 * (the rules of the Lambda developer guide, "Reporting batch item failures"):
 * <ul>
 *   <li>complete success: a null or empty response, an object without {@code batchItemFailures}, or
 *       a null or empty {@code batchItemFailures} list;</li>
 *   <li>the listed messages failed: every {@code itemIdentifier} names a message of the batch;</li>
 *   <li>complete failure: a response that is not JSON or not an object, or an entry whose
 *       {@code itemIdentifier} is missing, null, empty or not a message id of the batch.</li>
 * </ul>
 */
public final class BatchResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchResponses() {
    }

    /** The ids of the messages to leave in the queue (all of {@code batch} for a complete failure). */
    public static Set<String> failedIds(byte[] response, Set<String> batch) {
        JsonNode answer;
        try {
            answer = response == null || response.length == 0 ? null : JSON.readTree(response);
        } catch (IOException notJson) {
            return batch;
        }
        if (answer == null || answer.isNull() || answer.isMissingNode()) {
            return Set.of();
        }
        if (!answer.isObject()) {
            return batch;
        }
        JsonNode failures = answer.path("batchItemFailures");
        if (failures.isMissingNode() || failures.isNull()) {
            return Set.of();
        }
        if (!failures.isArray()) {
            return batch;
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure.path("itemIdentifier");
            if (!id.isTextual() || !batch.contains(id.asText())) {
                return batch;
            }
            failed.add(id.asText());
        }
        return failed;
    }
}
