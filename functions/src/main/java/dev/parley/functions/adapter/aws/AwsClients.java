package dev.parley.functions.adapter.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the SDK clients, each once per process, the same way for every service:
 * <ul>
 *   <li>an explicit region, so the SDK never searches profile files or instance metadata;</li>
 *   <li>the JDK's UrlConnection HTTP client, the lightest to load (Apache and Netty are excluded
 *       from the jar);</li>
 *   <li>credentials from environment variables or system properties (Lambda without SnapStart,
 *       local-env, CI), then from the container endpoint, which is where Lambda puts them for
 *       SnapStart functions;</li>
 *   <li>no endpoint in code: the SDK reads {@code AWS_ENDPOINT_URL[_<SERVICE>]} or the
 *       {@code aws.endpointUrl} system property, so one jar talks to AWS, LocalStack or moto;</li>
 *   <li>the {@link AwsCallCounter} on every client.</li>
 * </ul>
 */
public final class AwsClients {
    private final Region region;
    private final AwsCallCounter counter;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    private final AwsCredentialsProvider credentials = AwsCredentialsProviderChain.of(
            EnvironmentVariableCredentialsProvider.create(),
            SystemPropertyCredentialsProvider.create(),
            ContainerCredentialsProvider.builder().build());
    private DynamoDbClient dynamoDb;

    public AwsClients(String region, AwsCallCounter counter) {
        this.region = Region.of(region);
        this.counter = counter;
    }

    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = DynamoDbClient.builder()
                    .region(region)
                    .httpClient(http)
                    .credentialsProvider(credentials)
                    .overrideConfiguration(overrides())
                    .build();
        }
        return dynamoDb;
    }

    /**
     * Runs the SDK's own warm-up of the clients built so far: requests against canned responses,
     * no network, so it is safe before a SnapStart snapshot.
     */
    public synchronized void warmUp() {
        if (dynamoDb != null) {
            SdkWarmUp.warmUp(DynamoDbClient.class);
        }
    }

    private ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder().addExecutionInterceptor(counter).build();
    }
}
