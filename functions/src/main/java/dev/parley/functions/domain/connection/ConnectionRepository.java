package dev.parley.functions.domain.connection;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Where live connections are kept, looked up by user so fan-out reads users in batches, never scans. */
public interface ConnectionRepository {

    /** Adds the connection, or replaces the entry with the same connection id. */
    void save(Connection connection);

    /** Removes the connection; removing one that is not there is not an error. */
    void remove(String userId, String connectionId);

    /** The connections of these users that are still live at {@code now}; expired entries are skipped. */
    List<Connection> findLive(Collection<String> userIds, Instant now);

    /** The live connections of one user, read strongly consistent where the store allows it. */
    default List<Connection> findLive(String userId, Instant now) {
        return findLive(List.of(userId), now);
    }
}
