package dev.parley.functions.domain.connection;

import java.time.Clock;
import java.util.List;

/**
 * Use case: a socket closed. Removal is idempotent because API Gateway may deliver
 * {@code $disconnect} late or never; the entry's expiry covers the lost ones.
 */
public final class RemoveConnection {
    private final ConnectionRepository connections;
    private final ConnectionEvents events;
    private final Clock clock;

    public RemoveConnection(ConnectionRepository connections) {
        this(connections, ConnectionEvents.none(), Clock.systemUTC());
    }

    /** With presence: the user's last socket closing starts the debounced offline check. */
    public RemoveConnection(ConnectionRepository connections, ConnectionEvents events, Clock clock) {
        this.connections = connections;
        this.events = events;
        this.clock = clock;
    }

    public void remove(String connectionId, String userId) {
        List<Connection> left = connections.removeReturningLive(userId, connectionId, clock.instant());
        events.disconnected(userId, !left.isEmpty());
    }
}
