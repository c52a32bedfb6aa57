package dev.parley.functions.domain.connection;

import dev.parley.functions.domain.presence.AnnouncePresence;

import java.time.Clock;
import java.util.List;

/**
 * Use case: a socket closed. Removal is idempotent because API Gateway may deliver
 * {@code $disconnect} late or never; the entry's expiry covers the lost ones.
 */
public final class RemoveConnection {
    private final ConnectionRepository connections;
    private final AnnouncePresence presence;
    private final Clock clock;

    public RemoveConnection(ConnectionRepository connections) {
        this(connections, AnnouncePresence.off(), Clock.systemUTC());
    }

    /** With presence: the user's last socket closing starts the debounced offline check. */
    public RemoveConnection(ConnectionRepository connections, AnnouncePresence presence, Clock clock) {
        this.connections = connections;
        this.presence = presence;
        this.clock = clock;
    }

    public void remove(String connectionId, String userId) {
        List<Connection> left = connections.removeReturningLive(userId, connectionId, clock.instant());
        presence.disconnected(userId, !left.isEmpty());
    }
}
