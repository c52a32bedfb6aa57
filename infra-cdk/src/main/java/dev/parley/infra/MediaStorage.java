package dev.parley.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.notifications.SqsDestination;
import software.constructs.Construct;

/**
 * Where media lives: a private bucket, the Media table and the queue that hands new uploads to the
 * processor.
 *
 * <p>Bucket layout (docs/protocol.md): clients POST straight to {@value #UPLOADS_PREFIX}{conversationId}/{mediaId}/original
 * (and {@code /thumb}) with a presigned POST; only that prefix notifies the processor, which writes
 * verified versions to {@value #MEDIA_PREFIX}{conversationId}/{mediaId}/{version} and deletes the upload.
 * Only {@value #MEDIA_PREFIX} is ever served. An upload nobody processed (never sent, processor failing)
 * expires after a day, and so do abandoned multipart uploads, so nothing unverified is kept.
 *
 * <p><b>Media</b> table: partition key {@code mediaId} (S), TTL {@code expiresAt} (epoch seconds) on
 * PENDING and FAILED items only (a day), so abandoned uploads leave no row either.
 */
public final class MediaStorage extends Construct {

    public static final String UPLOADS_PREFIX = "uploads/";
    public static final String MEDIA_PREFIX = "media/";
    public static final String PARTITION_KEY = "mediaId";
    public static final String TTL_ATTRIBUTE = "expiresAt";
    /** The index of a user's uploads, for deleteAccount: {@code uploaderId}, {@code mediaId}, projecting {@code conversationId}. */
    public static final String BY_UPLOADER_INDEX = "byUploader";

    /** Long enough for a slow mobile upload to be processed; short enough that nothing unverified lingers. */
    static final Duration UNVERIFIED_RETENTION = Duration.days(1);
    /** How long browsers may cache a CORS preflight answer. */
    static final int CORS_MAX_AGE_SECONDS = 3000;

    /**
     * @param removalPolicy what happens to the bucket and the table when the stack is deleted
     * @param corsOrigins the browser origins that may upload and fetch
     * @param processorTimeout the processor's timeout (the queue's visibility timeout is six times it)
     * @param processorConcurrency the most concurrent invocations of the processor
     */
    public record Props(RemovalPolicy removalPolicy, List<String> corsOrigins, Duration processorTimeout,
                        int processorConcurrency) {
    }

    private final Bucket bucket;
    private final Table table;
    private final WorkQueue queue;

    public MediaStorage(Construct scope, String id, Props props) {
        super(scope, id);
        boolean destroy = props.removalPolicy() == RemovalPolicy.DESTROY;
        bucket = Bucket.Builder.create(this, "Bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .cors(List.of(CorsRule.builder()
                        .allowedMethods(List.of(HttpMethods.POST, HttpMethods.GET))
                        .allowedOrigins(props.corsOrigins())
                        .allowedHeaders(List.of("*"))
                        .maxAge(CORS_MAX_AGE_SECONDS)
                        .build()))
                .lifecycleRules(List.of(
                        LifecycleRule.builder().id("ExpireUnprocessedUploads")
                                .prefix(UPLOADS_PREFIX).expiration(UNVERIFIED_RETENTION).build(),
                        LifecycleRule.builder().id("AbortIncompleteMultipartUploads")
                                .abortIncompleteMultipartUploadAfter(UNVERIFIED_RETENTION).build()))
                .removalPolicy(props.removalPolicy())
                // A bucket must be empty to be deleted: with "destroy" a stack delete empties it first.
                .autoDeleteObjects(destroy)
                .build();
        RulePacks.suppress(bucket, "AwsSolutions-S1", "Objects arrive only by presigned POST bound to one key and"
                + " leave only through CloudFront signed URLs; server access logs would need a second bucket and record"
                + " every member's transfers. CloudTrail S3 data events are the opt-in audit trail (docs/deploy.md)");
        RulePacks.suppressInStack(this, "AwsSolutions-IAM5", "Object keys are made per conversation and upload at"
                        + " run time; each grant names the exact actions under one prefix (uploads/ or media/) of this bucket",
                "^Resource::<" + "MediaBucket[A-Za-z0-9]+\\.Arn>/(uploads|media)/\\*$");
        table = Table.Builder.create(this, "Table")
                .partitionKey(Attribute.builder().name(PARTITION_KEY).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .removalPolicy(props.removalPolicy())
                .build();
        // conversationId never changes after requestUpload, so processing's writes cost the index nothing.
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(BY_UPLOADER_INDEX)
                .partitionKey(Attribute.builder().name("uploaderId").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(PARTITION_KEY).type(AttributeType.STRING).build())
                .projectionType(ProjectionType.INCLUDE)
                .nonKeyAttributes(List.of("conversationId"))
                .build());
        RulePacks.suppressInStack(this, "AwsSolutions-IAM5", "Table.grant covers the table's indexes; the media table"
                        + " has one, byUploader, holding only uploaderId, mediaId and conversationId",
                "^Resource::<" + "MediaTable[A-Za-z0-9]+\\.Arn>/index/\\*$");
        queue = new WorkQueue(this, "Queue", new WorkQueue.Props(props.processorTimeout(), props.processorConcurrency()));
        bucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(queue.queue()),
                NotificationKeyFilter.builder().prefix(UPLOADS_PREFIX).build());
    }

    /** Allows exactly these S3 object actions on keys under the prefix (e.g. {@code uploads/}). */
    public void grantObjects(IGrantable grantee, String prefix, String... actions) {
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of(actions))
                .resources(List.of(bucket.arnForObjects(prefix + "*")))
                .build());
    }

    /**
     * Allows listing keys under the prefix. Without it S3 answers a read of a missing key with 403
     * rather than 404, and a redelivered notification for an upload already refused and deleted
     * would look like a permissions fault and end in the dead-letter queue.
     */
    public void grantListing(IGrantable grantee, String prefix) {
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(prefix + "*"))))
                .build());
    }

    public Bucket bucket() {
        return bucket;
    }

    public Table table() {
        return table;
    }

    /** The new-upload queue (S3 event notifications), its dead-letter queue and alarm. */
    public WorkQueue queue() {
        return queue;
    }
}
