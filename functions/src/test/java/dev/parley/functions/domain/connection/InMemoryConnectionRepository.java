package dev.parley.functions.domain.connection;

import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.delivery.Recipient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory fake of {@link ConnectionRepository}; {@link ConnectionRepositoryContract} holds it to the real one's behaviour. */
public final class InMemoryConnectionRepository implements ConnectionRepository {
    private final Map<String, Map<String, Connection>> byUser = new ConcurrentHashMap<>();

    @Override
    public void save(Connection connection) {
        byUser.computeIfAbsent(connection.userId(), user -> new ConcurrentHashMap<>())
                .put(connection.connectionId(), connection);
    }

    @Override
    public void remove(String userId, String connectionId) {
        Map<String, Connection> connections = byUser.get(userId);
        if (connections != null) {
            connections.remove(connectionId);
        }
    }

    @Override
    public List<Connection> findLive(Collection<String> userIds, Instant now) {
        List<Connection> live = new ArrayList<>();
        for (String userId : new LinkedHashSet<>(userIds)) {
            byUser.getOrDefault(userId, Map.of()).values().stream()
                    .filter(connection -> connection.isLiveAt(now))
                    .forEach(live::add);
        }
        return live;
    }

    /** These connections as the delivery port sees them at {@code now}: each live one a recipient. */
    public LiveConnections liveAt(Instant now) {
        return userIds -> findLive(userIds, now).stream()
                .map(connection -> new Recipient(connection.userId(), connection.connectionId(), connection.deviceId()))
                .toList();
    }
}
