package dev.parley.media.config;

import dev.parley.functions.config.ConnectionsConfig;
import dev.parley.functions.config.DeliveryConfig;
import dev.parley.functions.config.Environment;

import java.net.URI;
import java.util.Optional;

/**
 * The processor's environment, read once at cold start.
 *
 * @param region             {@code AWS_REGION}
 * @param bucket             {@code MEDIA_BUCKET}: the media bucket's physical name
 * @param mediaTable         {@code MEDIA_TABLE}
 * @param connectionsTable   {@code CONNECTIONS_TABLE}: where the uploader's live devices are found
 * @param managementEndpoint {@code APIGW_MANAGEMENT_ENDPOINT}: the WebSocket stage's callback URL, for mediaReady and mediaFailed
 * @param s3Endpoint         {@code AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL}, when set: an emulator, addressed path-style
 */
public record MediaProcessorConfig(String region, String bucket, String mediaTable, String connectionsTable,
                                   URI managementEndpoint, Optional<String> s3Endpoint) {
    public static final String MEDIA_BUCKET = "MEDIA_BUCKET";
    public static final String MEDIA_TABLE = "MEDIA_TABLE";

    public static MediaProcessorConfig from(Environment environment) {
        ConnectionsConfig connections = ConnectionsConfig.from(environment);
        DeliveryConfig delivery = DeliveryConfig.from(environment);
        Optional<String> endpoint = environment.optional("AWS_ENDPOINT_URL_S3")
                .or(() -> environment.optional("AWS_ENDPOINT_URL"))
                .or(() -> Optional.ofNullable(System.getProperty("aws.endpointUrl")).filter(url -> !url.isBlank()));
        return new MediaProcessorConfig(connections.region(), environment.required(MEDIA_BUCKET),
                environment.required(MEDIA_TABLE), connections.connectionsTable(), delivery.managementEndpoint(), endpoint);
    }
}
