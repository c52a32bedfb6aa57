package dev.parley.functions.domain.connection;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** A store that fails every call, as an unreachable table would; moto cannot be made to fail on cue. */
public final class UnreachableConnectionRepository implements ConnectionRepository {

    @Override
    public void save(Connection connection) {
        throw new IllegalStateException("table unreachable");
    }

    @Override
    public void remove(String userId, String connectionId) {
        throw new IllegalStateException("table unreachable");
    }

    @Override
    public List<Connection> findLive(Collection<String> userIds, Instant now) {
        throw new IllegalStateException("table unreachable");
    }
}
