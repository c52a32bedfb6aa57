package dev.parley.functions.domain.push;

import dev.parley.functions.domain.delivery.PushPlatform;

/** Port: the platform endpoints pushes are published to (SNS mobile push). */
public interface PushEndpoints {

    /** Whether this deployment has a platform application for {@code platform}. */
    boolean supports(PushPlatform platform);

    /**
     * Makes sure an enabled endpoint for {@code token} exists and names {@code owner} as its device,
     * starting from the one the device had ({@code knownArn}, may be null).
     */
    Endpoint register(PushPlatform platform, String token, String owner, String knownArn);

    /** Deletes the endpoint; deleting one that is gone is not an error. */
    void delete(String endpointArn);

    /** Publishes one notification to the endpoint. Other failures than a dead endpoint are thrown. */
    Delivery publish(String endpointArn, PushNotification notification);

    /**
     * The registered endpoint.
     *
     * @param previousOwner the device the endpoint named before (same token registered by another
     *                      device or user), or null when it was this device's or new
     */
    record Endpoint(String arn, String previousOwner) {
    }

    /** What became of one publish. */
    enum Delivery {
        /** SNS accepted it. */
        SENT,
        /** The endpoint is disabled (the platform rejected its token) or deleted: the device must register again. */
        ENDPOINT_DEAD
    }
}
