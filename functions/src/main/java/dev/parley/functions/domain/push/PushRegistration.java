package dev.parley.functions.domain.push;

import java.time.Instant;
import java.util.Objects;
import dev.parley.functions.domain.delivery.PushPlatform;

/**
 * A device's registration for pushes, as its row in the devices table keeps it.
 *
 * @param endpointArn the SNS platform endpoint pushes are published to
 * @param active      false once SNS reported the endpoint disabled: no pushes until the device registers again
 * @param updatedAt   when it was registered or marked invalid
 */
public record PushRegistration(String userId, String deviceId, PushPlatform platform, String token, String endpointArn,
                               boolean active, Instant updatedAt) {

    public PushRegistration {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(endpointArn, "endpointArn");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The value the endpoint's CustomUserData carries, so an endpoint found by its token names its device. */
    public static String owner(String userId, String deviceId) {
        return userId + "/" + deviceId;
    }
}
