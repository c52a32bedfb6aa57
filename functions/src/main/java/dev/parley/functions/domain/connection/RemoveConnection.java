package dev.parley.functions.domain.connection;

/**
 * Use case: a socket closed. Removal is idempotent because API Gateway may deliver
 * {@code $disconnect} late or never; the entry's expiry covers the lost ones.
 */
public final class RemoveConnection {
    private final ConnectionRepository connections;

    public RemoveConnection(ConnectionRepository connections) {
        this.connections = connections;
    }

    public void remove(String connectionId, String userId) {
        connections.remove(userId, connectionId);
    }
}
