package dev.parley.functions.domain.delivery;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a device's pushes go: Apple's production or sandbox APNs, or Firebase Cloud Messaging.
 * The names are what a client sends in registerDevice and what the devices table stores.
 */
public enum PushPlatform {
    APNS("APNS"),
    APNS_SANDBOX("APNS_SANDBOX"),
    FCM("GCM");

    private final String snsKey;

    PushPlatform(String snsKey) {
        this.snsKey = snsKey;
    }

    /** The key of this platform's payload in an SNS {@code MessageStructure=json} message ({@code GCM} for FCM). */
    public String snsKey() {
        return snsKey;
    }

    /** True for both APNs environments: they share the payload format. */
    public boolean apple() {
        return this != FCM;
    }

    /** The platform of this exact name, or empty. */
    public static Optional<PushPlatform> named(String name) {
        return Arrays.stream(values()).filter(platform -> platform.name().equals(name)).findFirst();
    }
}
