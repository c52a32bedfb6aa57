package dev.parley.functions.domain.viewing;

import dev.parley.functions.domain.delivery.Recipient;

import java.time.Instant;
import java.util.Objects;

/**
 * A live socket with what it views: from the connections item a fan-out reads anyway.
 *
 * @param viewing      the conversation the socket views or last viewed, or null
 * @param viewingUntil when that view ends unless refreshed, or when it was stopped; null with {@code viewing}
 * @param connectedAt  when the socket connected ({@link Instant#EPOCH}: long ago, as far as a round cares)
 */
public record Watcher(Recipient socket, String viewing, Instant viewingUntil, Instant connectedAt) {

    public Watcher {
        Objects.requireNonNull(socket, "socket");
        connectedAt = connectedAt == null ? Instant.EPOCH : connectedAt;
    }

    /** A socket connected long ago. */
    public Watcher(Recipient socket, String viewing, Instant viewingUntil) {
        this(socket, viewing, viewingUntil, Instant.EPOCH);
    }

    /** A socket that views nothing. */
    public static Watcher idle(Recipient socket) {
        return new Watcher(socket, null, null);
    }

    public boolean isViewing(String conversationId, Instant now) {
        return conversationId.equals(viewing) && viewingUntil != null && now.isBefore(viewingUntil);
    }

    /** Whether the socket's view of {@code conversationId} lasted until {@code at} or later (it may have ended since). */
    public boolean viewedSince(String conversationId, Instant at) {
        return conversationId.equals(viewing) && viewingUntil != null && !viewingUntil.isBefore(at);
    }
}
