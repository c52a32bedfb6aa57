package dev.parley.functions.domain.delivery;

import java.util.Objects;

/**
 * A device a push goes to, as the user's push summary lists it (an active registration): what the
 * send path puts into a push job, so the worker needs no read of the devices table.
 */
public record PushTarget(String userId, String deviceId, PushPlatform platform, String endpointArn) {

    public PushTarget {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(endpointArn, "endpointArn");
    }
}
