package dev.parley.localenv.events;

import dev.parley.localenv.gateway.FunctionDefinition;
import dev.parley.localenv.gateway.LambdaInvoker;
import dev.parley.localenv.moto.SdkSystemProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The SQS event source mappings of the template, running: one {@link SqsPoller} per mapping, invoking
 * the real handler classes in-process through {@link LambdaInvoker} (the Lambda Java serialization
 * path, as the gateway does). The queue client takes moto's endpoint from the SDK's standard settings,
 * like every client here. {@link #close()} stops receiving and lets the batches in flight finish.
 */
public final class SqsEventSources implements AutoCloseable {
    /** How long a poller waits after an empty receive within a batching window (a receive itself long-polls). */
    public static final Duration IDLE_PAUSE = Duration.ofMillis(100);

    private final SqsClient sqs;
    private final List<SqsPoller> pollers = new ArrayList<>();

    private SqsEventSources(SqsClient sqs) {
        this.sqs = sqs;
    }

    /**
     * Starts a poller per mapping. Handler classes are resolved first, so a wrong one fails here.
     *
     * @param localize adds what a function needs locally to its template environment ({@code AWS_ENDPOINT_URL}, ...)
     */
    public static SqsEventSources start(List<SqsEventSource> sources, UnaryOperator<FunctionDefinition> localize, Region region,
                                        String accountId, ClassLoader handlerClassLoader) {
        SqsClient sqs = SqsClient.builder().region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        SdkSystemProperties.ACCESS_KEY_ID, SdkSystemProperties.SECRET_ACCESS_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        SqsEventSources running = new SqsEventSources(sqs);
        try {
            for (SqsEventSource source : sources) {
                SqsEventSource local = source.withFunction(localize.apply(source.function()));
                LambdaInvoker invoker = new LambdaInvoker(local.function(), region.id(), accountId, handlerClassLoader);
                running.pollers.add(new SqsPoller(local, invoker, sqs, region.id(), IDLE_PAUSE));
            }
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
        running.pollers.forEach(SqsPoller::start);
        return running;
    }

    public int size() {
        return pollers.size();
    }

    @Override
    public void close() {
        // Every poller's receive in progress ends at once, not one after another.
        pollers.forEach(SqsPoller::stop);
        pollers.forEach(SqsPoller::close);
        sqs.close();
    }
}
