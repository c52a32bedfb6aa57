package dev.parley.media.handler;

import dev.parley.functions.domain.Metrics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parley.functions.domain.media.MediaKeys;
import dev.parley.functions.lambda.LambdaEvents;
import dev.parley.functions.lambda.SqsBatch;
import dev.parley.functions.log.JsonLogger;
import dev.parley.media.MediaProcessorRoot;
import dev.parley.media.domain.ProcessUpload;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The media queue's consumer: S3 sends an object-created notification for every upload under
 * {@code uploads/} to the queue, and each names one upload to verify and process. A record whose
 * processing threw (S3 or DynamoDB trouble) is named in {@code batchItemFailures}
 * (ReportBatchItemFailures), so SQS retries only it and moves it to the dead-letter queue after its
 * receive limit. Keys outside the upload layout are ignored.
 *
 * <p>Environment: {@code AWS_REGION}, {@code MEDIA_BUCKET}, {@code MEDIA_TABLE},
 * {@code CONNECTIONS_TABLE}, {@code APIGW_MANAGEMENT_ENDPOINT}.
 */
public final class MediaProcessorHandler implements RequestStreamHandler, Resource {
    private static final JsonLogger LOG = JsonLogger.of(MediaProcessorHandler.class);
    private static final LambdaEvents.EventReader<SQSEvent> EVENTS = LambdaEvents.readerFor(SQSEvent.class);

    private final ProcessUpload processUpload;
    private final Metrics metrics;
    private final Runnable priming;

    /** Lambda's entry point: configured from the process environment, primed before a SnapStart snapshot. */
    public MediaProcessorHandler() {
        this(new MediaProcessorRoot(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    /** An instance with its own environment, as local-env runs each function. */
    public MediaProcessorHandler(Map<String, String> environment) {
        this(new MediaProcessorRoot(environment));
    }

    /** An instance around a given use case, for tests. */
    public MediaProcessorHandler(ProcessUpload processUpload) {
        this.processUpload = processUpload;
        this.metrics = Metrics.NONE;
        this.priming = () -> { };
    }

    private MediaProcessorHandler(MediaProcessorRoot root) {
        this.processUpload = root.processUpload();
        this.metrics = root.metrics();
        this.priming = root::prime;
    }

    /** Lambda's entry point (the template names the class alone): the SQS batch's JSON in, the batch response's out. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaEvents.<SQSEvent>handle(input, output, EVENTS, event -> handleRequest(event, context));
    }

    /** One batch, typed; tests call it directly. */
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, LOG, record -> {
            for (String key : S3Notifications.createdKeys(record.getBody())) {
                process(record.getMessageId(), key);
            }
            return true;
        });
    }

    private void process(String messageId, String key) {
        Optional<MediaKeys.Upload> upload = MediaKeys.parseUpload(key);
        if (upload.isEmpty()) {
            LOG.warn("not an upload key, ignored", JsonLogger.fields("messageId", messageId, "key", key));
            return;
        }
        long started = System.nanoTime();
        ProcessUpload.Outcome outcome = processUpload.process(upload.get());
        metrics.record(Metrics.Metric.MEDIA_PROCESSED, 1);
        LOG.info("upload processed", JsonLogger.fields("messageId", messageId, "mediaId", upload.get().mediaId(),
                "part", upload.get().part(), "outcome", outcome.name(), "millis", (System.nanoTime() - started) / 1_000_000));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        priming.run();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing is held open across the snapshot: the HTTP clients connect per request.
    }
}
