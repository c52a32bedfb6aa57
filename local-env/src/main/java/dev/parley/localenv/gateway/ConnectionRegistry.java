package dev.parley.localenv.gateway;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Live connections by id: CONNECTING ones from the upgrade request, OPEN ones until their socket closes. */
final class ConnectionRegistry {
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    void add(Connection connection) {
        connections.put(connection.id(), connection);
    }

    void remove(Connection connection) {
        connections.remove(connection.id(), connection);
    }

    /** The connection if it is OPEN; unknown, still-connecting and closed ids are all "gone" to @connections. */
    Optional<Connection> open(String connectionId) {
        return Optional.ofNullable(connections.get(connectionId)).filter(c -> c.state() == Connection.State.OPEN);
    }

    Collection<Connection> all() {
        return List.copyOf(connections.values());
    }
}
