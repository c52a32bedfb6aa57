package dev.parley.functions.wiring;

import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.adapter.cloudfront.CloudFrontMediaUrls;
import dev.parley.functions.adapter.dynamodb.DynamoDbMediaRepository;
import dev.parley.functions.adapter.s3.S3MediaUrls;
import dev.parley.functions.adapter.s3.S3UploadForms;
import dev.parley.functions.config.MediaConfig;
import dev.parley.functions.adapter.s3.S3UploadedMedia;
import dev.parley.functions.domain.account.UploadedMedia;
import dev.parley.functions.domain.media.GetMediaUrl;
import dev.parley.functions.domain.media.MediaAttachments;
import dev.parley.functions.domain.media.MediaRepository;
import dev.parley.functions.domain.media.MediaUrls;
import dev.parley.functions.domain.media.RequestUpload;
import dev.parley.functions.domain.message.Attachments;
import dev.parley.functions.log.JsonLogger;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;

import java.util.Map;

/**
 * Media: requestUpload and getMediaUrl, the send path's media check, and the media table for the
 * media processor. It builds only what a function asks for: sendMessage needs the media table alone, the
 * media function the bucket and the URL signer too, and the URL signer's private key is fetched
 * from Secrets Manager once per process, on the first getMediaUrl, never per request.
 */
public final class MediaWiring {
    private static final JsonLogger LOG = JsonLogger.of(MediaWiring.class);

    private final CompositionRoot root;
    /** The media table alone (MEDIA_TABLE and AWS_REGION): the send path and the media processor need no bucket for it. */
    private final Lazy<MediaRepository> repository;
    /** CloudFront signed URLs when MEDIA_CDN_* are set (AWS), else S3 presigned GETs (local runs). */
    private final Lazy<MediaUrls> urls;

    public MediaWiring(Map<String, String> environment) {
        this(new CompositionRoot(environment));
    }

    MediaWiring(CompositionRoot root) {
        this.root = root;
        this.repository = new Lazy<>(() -> new DynamoDbMediaRepository(
                root.aws(MediaConfig.region(root.environment())).dynamoDb(), root.environment().required(MediaConfig.MEDIA_TABLE)));
        this.urls = new Lazy<>(() -> {
            MediaConfig config = MediaConfig.from(root.environment());
            AwsClients clients = root.aws(config.region());
            return config.cdn()
                    .<MediaUrls>map(cdn -> CloudFrontMediaUrls.withKeyFromSecret(cdn.domain(), cdn.keyPairId(),
                            clients.secretsManager(), cdn.privateKeySecret()))
                    .orElseGet(() -> new S3MediaUrls(clients.s3Presigner(config.s3Endpoint()), config.bucket(), root.clock()));
        });
    }

    /** requestUpload: the media table and bucket, the messages table (membership, E2EE) and the rate limits table. */
    public RequestUpload requestUpload() {
        MediaConfig config = MediaConfig.from(root.environment());
        AwsClients clients = root.aws(config.region());
        return new RequestUpload(root.messages(), root.memberRows(), repository(),
                new S3UploadForms(config.bucket(), config.region(), config.s3Endpoint(), clients.credentials(), root.clock()),
                root.perMinuteLimit(Actions.REQUEST_UPLOAD, Limits.UPLOADS_PER_MINUTE), root.clock());
    }

    /** getMediaUrl: the media table, the messages table (membership), and the URL signer. */
    public GetMediaUrl getMediaUrl() {
        return new GetMediaUrl(root.messages(), root.memberRows(), repository(), urls.get(), root.clock());
    }

    /** The media table; public for the media processor (through {@code functions.lambda}). */
    public MediaRepository repository() {
        return repository.get();
    }

    public void prime() {
        root.prime();
    }

    /** Runs {@code work} with every AWS call answered offline: SnapStart priming through the handler itself. */
    public void offline(Runnable work) {
        root.offline(work);
    }

    /** deleteAccount's removal of a user's uploads; none when the function has no MEDIA_TABLE. */
    UploadedMedia uploadedMedia() {
        if (root.environment().optional(MediaConfig.MEDIA_TABLE).isEmpty()) {
            return UploadedMedia.NONE;
        }
        MediaConfig config = MediaConfig.from(root.environment());
        return new S3UploadedMedia(root.aws(config.region()).dynamoDb(), config.mediaTable(), root.s3(config.s3Endpoint()),
                config.bucket());
    }

    /** sendMessage's media check; media refused when the function has no MEDIA_TABLE. */
    Attachments attachments() {
        if (root.environment().optional(MediaConfig.MEDIA_TABLE).isEmpty()) {
            LOG.info("media off: MEDIA_TABLE is not set", JsonLogger.fields());
            return Attachments.none();
        }
        return new MediaAttachments(repository());
    }
}
