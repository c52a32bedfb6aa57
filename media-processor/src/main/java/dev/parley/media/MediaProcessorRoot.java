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
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Where the processor's use case meets its adapters: the functions module's media, connections and
 * delivery adapters, and this module's S3 objects. The S3 client is built here, the way
 * {@link AwsClients} builds the others (explicit region, UrlConnection, the same credentials chain,
 * the call counter), since the functions jar has no S3 dependency to spare its other functions.
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
            processUpload = new ProcessUpload(new DynamoDbMediaRepository(dynamoDb, config.mediaTable()),
                    new S3MediaObjects(s3(), config.bucket()), new ImageVersions(), new PdfPreview(),
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
        SdkWarmUp.warmUp(S3Client.class);
        ImageVersions.prime();
    }

    /**
     * Emulators (moto, S3Proxy) serve buckets path-style only and reject the SDK's default
     * checksums on some operations; on AWS the defaults stand.
     */
    private S3Client s3() {
        var builder = S3Client.builder()
                .region(Region.of(config.region()))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .credentialsProvider(AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create(), ContainerCredentialsProvider.builder().build()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .addExecutionInterceptor(AwsCallCounter.process()).build());
        if (config.s3Endpoint().isPresent()) {
            builder.forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }
}
