package dev.parley.localenv.gateway;

import java.time.Duration;
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

    /** How long {@code @connections} waits for an accepted connection's server side to open. */
    static final Duration OPENING_WAIT = Duration.ofSeconds(5);

    /**
     * The connection if it is OPEN, waiting for one whose {@code $connect} succeeded but whose socket
     * Jetty has not opened yet; unknown, still-connecting and closed ids are all "gone" to @connections.
     */
    Optional<Connection> open(String connectionId) throws InterruptedException {
        Connection connection = connections.get(connectionId);
        return connection != null && connection.awaitOpen(OPENING_WAIT) ? Optional.of(connection) : Optional.empty();
    }

    Collection<Connection> all() {
        return List.copyOf(connections.values());
    }
}
