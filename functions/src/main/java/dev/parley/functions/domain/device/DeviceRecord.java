package dev.parley.functions.domain.device;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One device of one user, as $connect last saw it.
 *
 * @param platform  {@code ios}, {@code android}, {@code web} or {@code unknown} (see {@link #platformOf})
 * @param revokedAt when the device was revoked, or null if it never was
 */
public record DeviceRecord(String userId, String deviceId, String platform, Instant firstSeenAt, Instant lastSeenAt,
                           Instant revokedAt) {
    public static final String UNKNOWN_PLATFORM = "unknown";
    private static final Set<String> PLATFORMS = Set.of("ios", "android", "web");

    public DeviceRecord {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    }

    /** The platform a client names on connect, or {@code unknown} for anything else or nothing. */
    public static String platformOf(String requested) {
        if (requested == null) {
            return UNKNOWN_PLATFORM;
        }
        String platform = requested.trim().toLowerCase(Locale.ROOT);
        return PLATFORMS.contains(platform) ? platform : UNKNOWN_PLATFORM;
    }

    /**
     * Revoked and not signed in again since: a connect after the revocation (which the authorizer
     * only lets through with a newer sign-in) moves {@code lastSeenAt} past {@code revokedAt}.
     */
    public boolean revoked() {
        return revokedAt != null && !revokedAt.isBefore(lastSeenAt);
    }
}
