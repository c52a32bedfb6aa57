package dev.parley.functions.domain.viewing;

import dev.parley.functions.domain.delivery.Recipient;

import java.time.Instant;
import java.util.Objects;

/**
 * A live socket with what it views: from the connections item a fan-out reads anyway.
 *
 * @param viewing      the conversation the socket views, or null
 * @param viewingUntil when that view ends unless refreshed; null with {@code viewing}
 */
public record Watcher(Recipient socket, String viewing, Instant viewingUntil) {

    public Watcher {
        Objects.requireNonNull(socket, "socket");
    }

    /** A socket that views nothing. */
    public static Watcher idle(Recipient socket) {
        return new Watcher(socket, null, null);
    }

    public boolean isViewing(String conversationId, Instant now) {
        return conversationId.equals(viewing) && viewingUntil != null && now.isBefore(viewingUntil);
    }
}
