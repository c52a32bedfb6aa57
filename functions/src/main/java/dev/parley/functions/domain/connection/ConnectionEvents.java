package dev.parley.functions.domain.connection;

/**
 * Port: what else happens when a socket opens or closes. Presence implements it; the connection
 * use cases must not fail because of it, so an implementation handles its own failures.
 */
public interface ConnectionEvents {

    /** A socket of the user connected. */
    void connected(String userId);

    /** A socket of the user closed; {@code stillLive} when the user has other live sockets. */
    void disconnected(String userId, boolean stillLive);

    /** Nothing more happens: a deployment without presence. */
    static ConnectionEvents none() {
        return new ConnectionEvents() {
            @Override
            public void connected(String userId) {
            }

            @Override
            public void disconnected(String userId, boolean stillLive) {
            }
        };
    }
}
