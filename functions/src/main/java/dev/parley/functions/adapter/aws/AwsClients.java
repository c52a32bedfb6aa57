package dev.parley.functions.adapter.aws;

import dev.parley.functions.domain.Metrics;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds the SDK clients, each once per process, the same way for every service:
 * <ul>
 *   <li>an explicit region, so the SDK never searches profile files or instance metadata;</li>
 *   <li>the JDK's UrlConnection HTTP client, the lightest to load (Apache and Netty are excluded
 *       from the jar), sending small POSTs from a buffer ({@link BufferedPostHttpClient}), which skips
 *       the JDK's 1 ms check of every kept-alive connection;</li>
 *   <li>credentials from environment variables or system properties (Lambda without SnapStart,
 *       local-env, CI), then from the container endpoint, which is where Lambda puts them for
 *       SnapStart functions;</li>
 *   <li>no endpoint in code: the SDK reads {@code AWS_ENDPOINT_URL[_<SERVICE>]} or the
 *       {@code aws.endpointUrl} system property, so one jar talks to AWS, LocalStack or moto;
 *       the one exception is the management API, whose endpoint is the stage's own URL;</li>
 *   <li>the {@link AwsCallCounter} on every client.</li>
 * </ul>
 */
public final class AwsClients {
    private static final AwsCredentials PRIMING_KEYS = AwsBasicCredentials.create("priming", "priming");
    private final Region region;
    private final AwsCallCounter counter;
    private final Metrics metrics;
    private final PrimingHttpClient http = new PrimingHttpClient(
            new BufferedPostHttpClient(UrlConnectionHttpClient.builder().build()));
    private final ContainerCredentials container = new ContainerCredentials();
    private final AwsCredentialsProvider chain = AwsCredentialsProviderChain.of(
            EnvironmentVariableCredentialsProvider.create(),
            SystemPropertyCredentialsProvider.create(),
            container);
    /**
     * Offline (priming), requests are signed with placeholder keys: resolving the real ones would
     * fetch them from the container endpoint before the snapshot and freeze them into it.
     */
    private final AwsCredentialsProvider credentials = () -> http.isOffline() ? PRIMING_KEYS : chain.resolveCredentials();
    /** Attempts per post when none are configured: one try and two retries. */
    public static final int DEFAULT_POST_ATTEMPTS = 3;
    private DynamoDbClient dynamoDb;
    private ApiGatewayManagementApiClient managementApi;
    private CognitoIdentityProviderClient cognito;
    private SnsClient sns;
    private SqsClient sqs;
    private S3Client s3;
    private S3Presigner s3Presigner;
    private SecretsManagerClient secretsManager;

    public AwsClients(String region, AwsCallCounter counter) {
        this(region, counter, Metrics.NONE);
    }

    /** @param metrics where the management API's 429 answers are counted (ConnectionsThrottled) */
    public AwsClients(String region, AwsCallCounter counter, Metrics metrics) {
        this.region = Region.of(region);
        this.counter = counter;
        this.metrics = metrics;
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
     * The {@code @connections} API of one WebSocket stage, {@code https://{apiId}.execute-api.{region}.amazonaws.com/{stage}}
     * on AWS or the local emulator's URL. Built on first use with that endpoint; a process serves one stage.
     * Unpaced, {@value #DEFAULT_POST_ATTEMPTS} attempts: see {@link #managementApi(URI, PostPacing, int)}.
     */
    public ApiGatewayManagementApiClient managementApi(URI endpoint) {
        return managementApi(endpoint, PostPacing.UNPACED, DEFAULT_POST_ATTEMPTS);
    }

    /**
     * The {@code @connections} API, built on first use (the first caller's pacing and attempts hold for
     * the process, which serves one stage).
     *
     * <p>Every attempt, a retry included, first waits on {@code pacing}: this process's share of the
     * account's 10,000 requests a second, which every post, every inbound message and every instance
     * share. Posts retry 429 (LimitExceeded: the quota, or a full client buffer) and 5xx, at most
     * {@code maxAttempts} attempts in all, with exponential backoff and full jitter from 25 ms up to
     * 1 s: a fan-out waits briefly, never long. There is no circuit breaker, whose shared token
     * bucket would stop a large fan-out's retries half-way. Each 429 is counted (ConnectionsThrottled).
     */
    public synchronized ApiGatewayManagementApiClient managementApi(URI endpoint, PostPacing pacing, int maxAttempts) {
        if (managementApi == null) {
            managementApi = ApiGatewayManagementApiClient.builder()
                    .region(region)
                    .endpointOverride(endpoint)
                    .httpClient(http)
                    .credentialsProvider(credentials)
                    .overrideConfiguration(overrides().toBuilder().retryStrategy(postRetries(maxAttempts))
                            .addExecutionInterceptor(new ThrottledPosts(metrics))
                            .addExecutionInterceptor(new PacedAttempts(pacing)).build())
                    .build();
        }
        return managementApi;
    }

    /** The user pool's admin API (signOutEverywhere); the endpoint comes from the environment like DynamoDB's. */
    public synchronized CognitoIdentityProviderClient cognito() {
        if (cognito == null) {
            cognito = CognitoIdentityProviderClient.builder()
                    .region(region)
                    .httpClient(http)
                    .credentialsProvider(credentials)
                    .overrideConfiguration(overrides())
                    .build();
        }
        return cognito;
    }

    /** SNS mobile push (platform endpoints, publish); the endpoint comes from the environment like DynamoDB's. */
    public synchronized SnsClient sns() {
        if (sns == null) {
            sns = SnsClient.builder()
                    .region(region)
                    .httpClient(http)
                    .credentialsProvider(credentials)
                    .overrideConfiguration(overrides())
                    .build();
        }
        return sns;
    }

    /** SQS (the push and presence queues); the endpoint comes from the environment like DynamoDB's. */
    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = SqsClient.builder()
                    .region(region)
                    .httpClient(http)
                    .credentialsProvider(credentials)
                    .overrideConfiguration(overrides())
                    .build();
        }
        return sqs;
    }

    /**
     * S3 (the media bucket). With an emulator's endpoint, explicit and path-style: emulators serve no
     * {@code bucket.host} names. Checksums only when an operation requires them: SDK 2.30+ adds CRC
     * checksums by default, which some emulators reject, and the media processor's copies and
     * deletes need none.
     */
    public synchronized S3Client s3(Optional<URI> endpoint) {
        if (s3 == null) {
            var builder = S3Client.builder()
                    .region(region)
                    .httpClient(http)
                    .credentialsProvider(credentials)
                    .overrideConfiguration(overrides())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .forcePathStyle(endpoint.isPresent());
            endpoint.ifPresent(builder::endpointOverride);
            s3 = builder.build();
        }
        return s3;
    }

    /** Presigned S3 GET URLs, signed locally with this process's credentials; path-style with an emulator's endpoint. */
    public synchronized S3Presigner s3Presigner(Optional<URI> endpoint) {
        if (s3Presigner == null) {
            var builder = S3Presigner.builder()
                    .region(region)
                    .credentialsProvider(credentials)
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(endpoint.isPresent()).build());
            endpoint.ifPresent(builder::endpointOverride);
            s3Presigner = builder.build();
        }
        return s3Presigner;
    }

    /** Secrets Manager, read at cold start only (the CloudFront signing key). */
    public synchronized SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            secretsManager = SecretsManagerClient.builder()
                    .region(region)
                    .httpClient(http)
                    .credentialsProvider(credentials)
                    .overrideConfiguration(overrides())
                    .build();
        }
        return secretsManager;
    }

    /** The credentials every client signs with; the upload forms sign their POST policies with them too. */
    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    public Region region() {
        return region;
    }

    /**
     * Runs the SDK's own warm-up of the clients built so far: their requests go against canned
     * responses, with no call to Parley's resources. The SDK also warms its HTTP client, once per
     * process, with one GET to the regional STS endpoint ({@code AWS_REGION}) and ignores its
     * failure, so the warm-up is safe before a SnapStart snapshot, offline too
     * ({@code CompositionRootTest} observes every connection and lets only that one through).
     */
    /**
     * Runs {@code work} with every request of these clients answered in-process with an empty success,
     * signed with placeholder keys, and not counted as an AWS call: SnapStart priming.
     */
    public void offline(Runnable work) {
        container.build();
        http.offline(work);
    }

    /** How many requests were answered offline so far. */
    public long answeredOffline() {
        return http.answeredOffline();
    }

    public synchronized void warmUp() {
        if (dynamoDb != null) {
            SdkWarmUp.warmUp(DynamoDbClient.class);
        }
        if (managementApi != null) {
            SdkWarmUp.warmUp(ApiGatewayManagementApiClient.class);
        }
        if (cognito != null) {
            SdkWarmUp.warmUp(CognitoIdentityProviderClient.class);
        }
        if (sns != null) {
            SdkWarmUp.warmUp(SnsClient.class);
        }
        if (sqs != null) {
            SdkWarmUp.warmUp(SqsClient.class);
        }
        if (s3 != null) {
            SdkWarmUp.warmUp(S3Client.class);
        }
    }

    /**
     * The container endpoint's credentials, built on first use: only a SnapStart function takes its
     * credentials from there (the others find them in the environment first), and building the
     * provider loads about 20 ms of CPU of HTTP-credentials classes at every cold start. Priming
     * builds it, so a SnapStart snapshot still holds it.
     */
    private static final class ContainerCredentials implements AwsCredentialsProvider {
        private ContainerCredentialsProvider provider;

        synchronized ContainerCredentialsProvider build() {
            if (provider == null) {
                provider = ContainerCredentialsProvider.builder().build();
            }
            return provider;
        }

        @Override
        public AwsCredentials resolveCredentials() {
            return build().resolveCredentials();
        }

        @Override
        public String toString() {
            return "ContainerCredentialsProvider";
        }
    }

    /** Counts the calls that reach AWS: a priming request answered offline costs nothing and is not one. */
    private record OnlineCalls(AwsCallCounter counter, PrimingHttpClient http) implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (!http.isOffline()) {
                counter.beforeExecution(context, attributes);
            }
        }
    }

    /** Counts every 429 the management API answers, each retried attempt included: the retries hide them otherwise. */
    private record ThrottledPosts(Metrics metrics) implements ExecutionInterceptor {
        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            if (context.httpResponse().statusCode() == 429) {
                metrics.record(Metrics.Metric.CONNECTIONS_THROTTLED, 1);
            }
        }
    }

    /** Waits for {@link PostPacing} before every attempt: retries use the quota as much as first tries. */
    private record PacedAttempts(PostPacing pacing) implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            pacing.acquire();
        }
    }

    private static RetryStrategy postRetries(int maxAttempts) {
        BackoffStrategy fullJitter = BackoffStrategy.exponentialDelay(Duration.ofMillis(25), Duration.ofSeconds(1));
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(fullJitter)
                .throttlingBackoffStrategy(fullJitter)
                .circuitBreakerEnabled(false)
                .build();
    }

    private ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder().addExecutionInterceptor(new OnlineCalls(counter, http)).build();
    }
}
