package dev.parley.functions.lambda;

import dev.parley.functions.domain.Metrics;

import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.media.MediaRepository;
import dev.parley.functions.wiring.CompositionRoot;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * What a function of another module (the media processor) takes from this one, built the same
 * way and shared the same way as for the functions here: delivery of events to live sockets
 * (connections table, management API), the media table, and the process's AWS clients. It is the
 * declared surface of this module for such functions, with {@link SqsBatch} and {@link LambdaEvents}; they use nothing of
 * {@code functions.adapter} or {@code functions.handler} directly.
 */
public final class FunctionWiring {
    private final CompositionRoot root;

    /** Reads only what is asked for: CONNECTIONS_TABLE and APIGW_MANAGEMENT_ENDPOINT for delivery, MEDIA_TABLE for media. */
    public FunctionWiring(Map<String, String> environment) {
        this.root = new CompositionRoot(environment);
    }

    /** Delivery to the live sockets of a set of users. */
    /** Parley's CloudWatch metrics, shared with the functions jar's families. */
    public Metrics metrics() {
        return root.metrics();
    }

    public FanOut fanOut() {
        return root.fanOut();
    }

    /** The media table. */
    public MediaRepository mediaRepository() {
        return root.media().repository();
    }

    /** The process's S3 client, addressed path-style at {@code endpoint} when given (an emulator). */
    public S3Client s3(Optional<URI> endpoint) {
        return root.s3(endpoint);
    }

    /** The SDK's own warm-up of the clients built so far, for priming before a SnapStart snapshot (see {@code AwsClients.warmUp}). */
    public void warmUpAwsClients() {
        root.warmUpAwsClients();
    }
}
