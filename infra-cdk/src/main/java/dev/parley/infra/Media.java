package dev.parley.infra;

import static dev.parley.infra.FunctionEnvironment.CONNECTIONS_TABLE;
import static dev.parley.infra.FunctionEnvironment.MANAGEMENT_ENDPOINT;
import static dev.parley.infra.FunctionEnvironment.MEDIA_BUCKET;
import static dev.parley.infra.FunctionEnvironment.MEDIA_TABLE;
import static dev.parley.infra.FunctionEnvironment.MEMBERSHIPS_TABLE;
import static dev.parley.infra.FunctionEnvironment.MESSAGES_TABLE;
import static dev.parley.infra.FunctionEnvironment.RATE_LIMITS_TABLE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * The media family (docs/protocol.md): the route function for requestUpload and getMediaUrl, and the
 * processor that {@link MediaStorage}'s queue feeds with S3 notifications of new uploads. The
 * processor deploys its own jar (the imaging libraries stay out of every other function) and is
 * named by class like every function.
 */
public final class Media extends Construct {

    static final List<String> ROUTES = List.of("requestUpload", "getMediaUrl");

    static final String PROCESSOR_HANDLER = "dev.parley.media.handler.MediaProcessorHandler";

    /**
     * Sized from ./parley bench --media-only (W6): a 12 MP photo peaks ~130 MB of heap above idle
     * and the largest accepted (50 MP, decoded with subsampling) ~140 MB, in 0.4-0.5 s and 0.85 s
     * on a 2-core machine. Memory is therefore not the constraint; CPU is, and Lambda allots it in
     * proportion to memory (one full vCPU at 1,769 MB). 1,536 MB leaves the heap ten times what it
     * needs and most of a vCPU; the bench's figures are the ones to re-check on AWS.
     */
    static final int PROCESSOR_MEMORY_MB = 1536;

    /** One upload per invocation: images are CPU-heavy, and a failure retries only its own upload. */
    static final int PROCESSOR_BATCH_SIZE = 1;
    static final Duration PROCESSOR_BATCHING_WINDOW = Duration.seconds(0);

    private final ParleyFunction handler;
    private final ParleyFunction processor;

    /**
     * @param storage the bucket, the Media table and the new-upload queue that feeds the processor
     * @param delivery the CloudFront distribution whose URLs getMediaUrl signs
     * @param processorCode the media processor jar
     */
    public record Props(Backend backend, MediaStorage storage, MediaDelivery delivery, Code processorCode) {
        public Props {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(storage, "storage");
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(processorCode, "processorCode");
        }
    }

    public Media(Construct scope, String id, Props props) {
        super(scope, id);
        var backend = props.backend();
        var storage = props.storage();
        var delivery = props.delivery();
        var tables = backend.tables();
        var bucket = storage.bucket();
        var media = storage.table();

        Map<String, String> routeEnvironment = new LinkedHashMap<>(Map.of(
                MEDIA_BUCKET, bucket.getBucketName(),
                MEDIA_TABLE, media.getTableName(),
                MESSAGES_TABLE, tables.messages().getTableName(),
                MEMBERSHIPS_TABLE, tables.memberships().getTableName(),
                RATE_LIMITS_TABLE, tables.rateLimits().getTableName()));
        routeEnvironment.putAll(delivery.environment());
        handler = backend.routeFunction(this, "MediaFunction", "MediaHandler", routeEnvironment);
        processor = new ParleyFunction(this, "ProcessorFunction", new ParleyFunction.Props(PROCESSOR_HANDLER,
                props.processorCode(), Map.of(
                        MEDIA_BUCKET, bucket.getBucketName(),
                        MEDIA_TABLE, media.getTableName(),
                        CONNECTIONS_TABLE, backend.connections().getTableName(),
                        MANAGEMENT_ENDPOINT, backend.managementEndpoint()),
                ParleyFunction.WORKER_TIMEOUT, backend.removalPolicy(), PROCESSOR_MEMORY_MB));
        ROUTES.forEach(route -> backend.gateway().addRoute(route, handler.alias()));
        storage.queue().feed(processor.alias(), PROCESSOR_BATCH_SIZE, PROCESSOR_BATCHING_WINDOW);

        // requestUpload: the conversation header (members, E2EE) by Query, the member row, a rate-limit
        // counter, a conditional PutItem of the pending item, and a presigned POST signed with this
        // role, so the role must itself be allowed to put under uploads/. getMediaUrl: GetItem of the
        // item, then a CloudFront signed URL (the key from the secret) or, locally, a presigned GET.
        tables.messages().grant(handler.alias(), "dynamodb:Query", "dynamodb:GetItem");
        tables.memberships().grant(handler.alias(), "dynamodb:GetItem");
        tables.rateLimits().grant(handler.alias(), "dynamodb:UpdateItem");
        media.grant(handler.alias(), "dynamodb:GetItem", "dynamodb:PutItem");
        storage.grantObjects(handler.alias(), MediaStorage.UPLOADS_PREFIX, "s3:PutObject");
        storage.grantObjects(handler.alias(), MediaStorage.MEDIA_PREFIX, "s3:GetObject");
        delivery.grantSigning(handler.alias());

        // The processor: HeadObject, ranged GetObject, DeleteObject of the upload; PutObject (or
        // CopyObject, which is a GetObject of the source and a PutObject of the target) of the
        // verified versions; the item's conditional updates; the uploader's connections and @connections.
        storage.grantObjects(processor.alias(), MediaStorage.UPLOADS_PREFIX, "s3:GetObject", "s3:DeleteObject");
        storage.grantListing(processor.alias(), MediaStorage.UPLOADS_PREFIX);
        storage.grantObjects(processor.alias(), MediaStorage.MEDIA_PREFIX, "s3:GetObject", "s3:PutObject");
        media.grant(processor.alias(), "dynamodb:GetItem", "dynamodb:UpdateItem");
        backend.connections().grant(processor.alias(), "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem");
        backend.gateway().api().grantManageConnections(processor.alias());
    }

    public ParleyFunction handler() {
        return handler;
    }

    public ParleyFunction processor() {
        return processor;
    }
}
