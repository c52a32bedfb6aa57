package dev.parley.functions;

import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.adapter.cloudfront.CloudFrontMediaUrls;
import dev.parley.functions.adapter.dynamodb.DynamoDbMediaRepository;
import dev.parley.functions.adapter.dynamodb.DynamoDbRateLimiter;
import dev.parley.functions.adapter.s3.S3MediaUrls;
import dev.parley.functions.adapter.s3.S3UploadForms;
import dev.parley.functions.config.ConversationsConfig;
import dev.parley.functions.config.Environment;
import dev.parley.functions.config.MediaConfig;
import dev.parley.functions.domain.media.GetMediaUrl;
import dev.parley.functions.domain.media.MediaAttachments;
import dev.parley.functions.domain.media.MediaRepository;
import dev.parley.functions.domain.media.MediaUrls;
import dev.parley.functions.domain.media.RequestUpload;
import dev.parley.functions.domain.message.Attachments;
import dev.parley.functions.domain.message.MessageRepository;
import dev.parley.functions.domain.ratelimit.PerMinuteLimit;
import dev.parley.functions.log.JsonLogger;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;

import java.time.Clock;
import java.util.function.Function;

/**
 * The media part of the composition root, kept apart so the root does not grow with every
 * feature. It builds only what a function asks for: sendMessage needs the media table alone, the
 * media function the bucket and the URL signer too, and the URL signer's private key is fetched
 * from Secrets Manager once per process, on the first getMediaUrl, never per request.
 */
final class MediaComposition {
    private static final JsonLogger LOG = JsonLogger.of(MediaComposition.class);

    private final Environment environment;
    private final Function<String, AwsClients> aws;
    private final Clock clock;
    private MediaRepository repository;
    private MediaUrls urls;

    /** @param aws the process's clients for a region */
    MediaComposition(Environment environment, Function<String, AwsClients> aws, Clock clock) {
        this.environment = environment;
        this.aws = aws;
        this.clock = clock;
    }

    /** requestUpload: the media table and bucket, the messages table (membership, E2EE) and the rate limits table. */
    RequestUpload requestUpload(MessageRepository messages) {
        MediaConfig config = MediaConfig.from(environment);
        AwsClients clients = aws.apply(config.region());
        DynamoDbRateLimiter limiter = new DynamoDbRateLimiter(clients.dynamoDb(),
                environment.required(ConversationsConfig.RATE_LIMITS_TABLE));
        return new RequestUpload(messages, repository(),
                new S3UploadForms(config.bucket(), config.region(), config.s3Endpoint(), clients.credentials(), clock),
                new PerMinuteLimit(Actions.REQUEST_UPLOAD, Limits.UPLOADS_PER_MINUTE, limiter, clock), clock);
    }

    /** getMediaUrl: the media table, the messages table (membership), and the URL signer. */
    GetMediaUrl getMediaUrl(MessageRepository messages) {
        return new GetMediaUrl(messages, repository(), urls(), clock);
    }

    /** sendMessage's media check; media refused when the function has no MEDIA_TABLE. */
    Attachments attachments() {
        if (environment.optional(MediaConfig.MEDIA_TABLE).isEmpty()) {
            LOG.info("media off: MEDIA_TABLE is not set", JsonLogger.fields());
            return Attachments.none();
        }
        return new MediaAttachments(repository());
    }

    /** The media table alone (MEDIA_TABLE and AWS_REGION): the send path and the media processor need no bucket for it. */
    synchronized MediaRepository repository() {
        if (repository == null) {
            String region = MediaConfig.region(environment);
            repository = new DynamoDbMediaRepository(aws.apply(region).dynamoDb(), environment.required(MediaConfig.MEDIA_TABLE));
        }
        return repository;
    }

    /** CloudFront signed URLs when MEDIA_CDN_* are set (AWS), else S3 presigned GETs (local runs). */
    private synchronized MediaUrls urls() {
        if (urls == null) {
            MediaConfig config = MediaConfig.from(environment);
            AwsClients clients = aws.apply(config.region());
            urls = config.cdn()
                    .<MediaUrls>map(cdn -> CloudFrontMediaUrls.withKeyFromSecret(cdn.domain(), cdn.keyPairId(),
                            clients.secretsManager(), cdn.privateKeySecret()))
                    .orElseGet(() -> new S3MediaUrls(clients.s3Presigner(config.s3Endpoint()), config.bucket(), clock));
        }
        return urls;
    }
}
