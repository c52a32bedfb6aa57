package dev.parley.functions.domain.connection;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A live WebSocket connection of one device of one user.
 *
 * @param connectionId API Gateway's id for the socket, used to post to it through {@code @connections}
 * @param expiresAt    when the entry stops counting as live, even if {@code $disconnect} was lost
 */
public record Connection(String connectionId, String userId, String deviceId, Instant connectedAt, Instant expiresAt) {

    /**
     * API Gateway closes every connection after 2 hours; the 10-minute margin keeps an entry alive
     * until the socket is certainly gone, so it is never dropped while still reachable.
     */
    public static final Duration LIFETIME = Duration.ofHours(2).plusMinutes(10);

    public Connection {
        requireText(connectionId, "connectionId");
        requireText(userId, "userId");
        requireText(deviceId, "deviceId");
        Objects.requireNonNull(connectedAt, "connectedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * A connection opened at {@code connectedAt}, live for the longest time API Gateway allows.
     * Times are kept at the precision they are stored with: milliseconds for the connect time,
     * whole seconds for the expiry (DynamoDB TTL works in epoch seconds).
     */
    public static Connection opened(String connectionId, String userId, String deviceId, Instant connectedAt) {
        Instant at = connectedAt.truncatedTo(ChronoUnit.MILLIS);
        return new Connection(connectionId, userId, deviceId, at, at.plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS));
    }

    public boolean isLiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
