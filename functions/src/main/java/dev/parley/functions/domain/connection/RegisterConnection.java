package dev.parley.functions.domain.connection;

import java.time.Clock;

/** Use case: a device of a verified user opened a socket; remember it so messages can reach it. */
public final class RegisterConnection {
    private final ConnectionRepository connections;
    private final Clock clock;

    public RegisterConnection(ConnectionRepository connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    public Connection register(String connectionId, String userId, String deviceId) {
        Connection connection = Connection.opened(connectionId, userId, deviceId, clock.instant());
        connections.save(connection);
        return connection;
    }
}
