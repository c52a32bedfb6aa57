package dev.parley.functions.domain.device;

import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.ConnectionRepository;

import java.util.List;

/**
 * Closes sockets of revoked devices. Each closed or already gone connection is also dropped from
 * the connections table at once, so no event is posted to it before $disconnect arrives (which
 * removes it again, harmlessly; for a socket already gone, $disconnect may never come).
 */
public final class LiveSockets {
    private final ConnectionRepository connections;
    private final ConnectionCloser closer;

    public LiveSockets(ConnectionRepository connections, ConnectionCloser closer) {
        this.connections = connections;
        this.closer = closer;
    }

    /** @return how many of them this call closed (sockets already gone do not count) */
    public int close(List<Connection> sockets) {
        int closed = 0;
        for (Connection socket : sockets) {
            if (closer.close(socket.connectionId())) {
                closed++;
            }
            connections.remove(socket.userId(), socket.connectionId());
        }
        return closed;
    }
}
