package dev.parley.functions.domain.viewing;

import dev.parley.functions.domain.delivery.Recipient;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A live socket with what it views and when it was last sent a {@code conversationActivity}, per
 * conversation: all of it from the connections item a fan-out reads anyway.
 *
 * @param viewing        the conversation the socket views, or null
 * @param viewingUntil   when that view ends unless refreshed; null with {@code viewing}
 * @param activitySentAt when each conversation's last activity event was claimed for this socket
 */
public record Watcher(Recipient socket, String viewing, Instant viewingUntil, Map<String, Instant> activitySentAt) {

    public Watcher {
        Objects.requireNonNull(socket, "socket");
        activitySentAt = Map.copyOf(activitySentAt);
    }

    /** A socket that views nothing and was never sent an activity event. */
    public static Watcher idle(Recipient socket) {
        return new Watcher(socket, null, null, Map.of());
    }

    public boolean isViewing(String conversationId, Instant now) {
        return conversationId.equals(viewing) && viewingUntil != null && now.isBefore(viewingUntil);
    }

    public Optional<Instant> activitySent(String conversationId) {
        return Optional.ofNullable(activitySentAt.get(conversationId));
    }
}
