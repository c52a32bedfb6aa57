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

    /**
     * Removes a connection that {@code @connections} answered 410 Gone for, unless it was registered
     * after {@code connectedBefore}: API Gateway also answers 410 while a socket's $connect is still
     * running, after the connection was saved, and such a socket is about to be live.
     */
    default void removeGone(String userId, String connectionId, Instant connectedBefore) {
        remove(userId, connectionId);
    }

    /** The connections of these users that are still live at {@code now}; expired entries are skipped. */
    List<Connection> findLive(Collection<String> userIds, Instant now);

    /**
     * Removes the connection and returns the user's connections still live at {@code now}; the
     * DynamoDB store answers both with the one write.
     */
    default List<Connection> removeReturningLive(String userId, String connectionId, Instant now) {
        remove(userId, connectionId);
        return findLive(userId, now);
    }

    /** The live connections of one user, read strongly consistent where the store allows it. */
    default List<Connection> findLive(String userId, Instant now) {
        return findLive(List.of(userId), now);
    }
}
