package dev.parley.functions.domain.connection;

import java.time.Clock;

/** Use case: a device of a verified user opened a socket; remember it so messages can reach it. */
public final class RegisterConnection {
    private final ConnectionRepository connections;
    private final ConnectionEvents events;
    private final Clock clock;

    public RegisterConnection(ConnectionRepository connections, Clock clock) {
        this(connections, ConnectionEvents.none(), clock);
    }

    /** With presence: a user's first live socket is announced online (debounced by the worker's side). */
    public RegisterConnection(ConnectionRepository connections, ConnectionEvents events, Clock clock) {
        this.connections = connections;
        this.events = events;
        this.clock = clock;
    }

    public Connection register(String connectionId, String userId, String deviceId) {
        Connection connection = Connection.opened(connectionId, userId, deviceId, clock.instant());
        connections.save(connection);
        events.connected(userId);
        return connection;
    }
}
