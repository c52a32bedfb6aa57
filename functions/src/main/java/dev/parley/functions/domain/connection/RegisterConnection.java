package dev.parley.functions.domain.connection;

import dev.parley.functions.domain.presence.AnnouncePresence;

import java.time.Clock;

/** Use case: a device of a verified user opened a socket; remember it so messages can reach it. */
public final class RegisterConnection {
    private final ConnectionRepository connections;
    private final AnnouncePresence presence;
    private final Clock clock;

    public RegisterConnection(ConnectionRepository connections, Clock clock) {
        this(connections, AnnouncePresence.off(), clock);
    }

    /** With presence: a user's first live socket is announced online (debounced by the worker's side). */
    public RegisterConnection(ConnectionRepository connections, AnnouncePresence presence, Clock clock) {
        this.connections = connections;
        this.presence = presence;
        this.clock = clock;
    }

    public Connection register(String connectionId, String userId, String deviceId) {
        Connection connection = Connection.opened(connectionId, userId, deviceId, clock.instant());
        connections.save(connection);
        presence.connected(userId);
        return connection;
    }
}
