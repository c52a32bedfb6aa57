package dev.parley.media;

import dev.parley.functions.adapter.apigateway.ManagementApiEventPublisher;
import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.adapter.dynamodb.DynamoDbConnectionRepository;
import dev.parley.functions.adapter.dynamodb.DynamoDbMediaRepository;
import dev.parley.functions.config.Environment;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.media.adapter.s3.S3MediaObjects;
import dev.parley.media.config.MediaProcessorConfig;
import dev.parley.media.domain.ImageVersions;
import dev.parley.media.domain.PdfPreview;
import dev.parley.media.domain.ProcessUpload;
import dev.parley.media.domain.UploaderNotices;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Where the processor's use case meets its adapters: the functions module's media, connections and
 * delivery adapters, and this module's S3 objects. Every SDK client, S3's included, comes from
 * {@link AwsClients}, built the same way as for the other functions.
 */
public final class MediaProcessorRoot {
    private final MediaProcessorConfig config;
    private final AwsClients aws;
    private ProcessUpload processUpload;

    public MediaProcessorRoot(Map<String, String> environment) {
        this.config = MediaProcessorConfig.from(new Environment(environment));
        this.aws = new AwsClients(config.region(), AwsCallCounter.process());
    }

    public synchronized ProcessUpload processUpload() {
        if (processUpload == null) {
            DynamoDbClient dynamoDb = aws.dynamoDb();
            DynamoDbConnectionRepository connections =
                    new DynamoDbConnectionRepository(dynamoDb, config.connectionsTable(), Clock.systemUTC());
            FanOut fanOut = new FanOut(connections,
                    new ManagementApiEventPublisher(aws.managementApi(config.managementEndpoint()), connections));
            S3MediaObjects objects = new S3MediaObjects(aws.s3(config.s3Endpoint().map(URI::create)), config.bucket());
            processUpload = new ProcessUpload(new DynamoDbMediaRepository(dynamoDb, config.mediaTable()), objects,
                    new ImageVersions(), new PdfPreview(),
                    new UploaderNotices(fanOut), Path.of(System.getProperty("java.io.tmpdir")));
        }
        return processUpload;
    }

    /**
     * Loads the hot path before a SnapStart snapshot with no network call: the SDK clients' own
     * warm-up against canned responses, and ImageIO's plugin registry and JPEG codec on a tiny image.
     */
    public void prime() {
        processUpload();
        aws.warmUp();
        ImageVersions.prime();
    }
}
