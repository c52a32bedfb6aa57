package dev.parley.localenv.events.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An SQS worker shaped like Parley's ({@code RequestHandler<SQSEvent, SQSBatchResponse>}, Map constructor).
 * It records every batch, then by body: {@code throw...} fails the invocation; {@code fail...} is reported in
 * {@code batchItemFailures}; {@code unknown-id} reports a message id that is not in the batch; anything else succeeds.
 */
public final class SqsWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Map<String, String> environment;

    public SqsWorker(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Deliveries.<SQSEvent>named(environment.get("RECORDER")).record(event, environment);
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (message.getBody().startsWith("throw")) {
                throw new IllegalStateException("the worker failed on " + message.getMessageId());
            }
            if (message.getBody().startsWith("fail")) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
            if (message.getBody().equals("unknown-id")) {
                failures.add(new SQSBatchResponse.BatchItemFailure("not-a-message-of-this-batch"));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
