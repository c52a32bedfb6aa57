package dev.parley.functions.domain.device;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.ConnectionRepository;
import dev.parley.model.v1.SignOutEverywhereReply;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Use case: the caller signs out on every device. In order: the identity provider invalidates the
 * user's refresh tokens; a user-wide revocation makes the authorizer refuse every token signed in
 * before now; every live socket of the user except the calling one is closed; no device gets
 * pushes any more (registrations removed, endpoints deleted).
 *
 * <p>The calling socket is left open so that it gets the reply (a route response cannot be sent
 * on a socket closed by the request itself). It stays usable until it disconnects, and its next
 * connection attempt is refused like every other device's until the user signs in again.
 */
public final class SignOutEverywhere {
    private final DeviceRegistry devices;
    private final ConnectionRepository connections;
    private final LiveSockets sockets;
    private final SessionTerminator sessions;
    private final PushCleanup pushes;
    private final Clock clock;

    public SignOutEverywhere(DeviceRegistry devices, ConnectionRepository connections, ConnectionCloser closer,
                             SessionTerminator sessions, Clock clock) {
        this(devices, connections, closer, sessions, PushCleanup.NONE, clock);
    }

    public SignOutEverywhere(DeviceRegistry devices, ConnectionRepository connections, ConnectionCloser closer,
                             SessionTerminator sessions, PushCleanup pushes, Clock clock) {
        this.pushes = pushes;
        this.devices = devices;
        this.connections = connections;
        this.sockets = new LiveSockets(connections, closer);
        this.sessions = sessions;
        this.clock = clock;
    }

    /** @param username the caller's identity-provider username, as the authorizer vouched for it */
    public SignOutEverywhereReply signOut(Actor actor, String username) {
        if (username == null || username.isBlank()) {
            throw new IllegalStateException("The authorizer context has no username; is the authorizer attached to $connect?");
        }
        sessions.signOutEverywhere(username);
        Instant now = clock.instant();
        devices.revokeAll(actor.userId(), now);
        pushes.stopAll(actor.userId());
        int revokedDevices = devices.list(actor.userId()).size();
        List<Connection> others = connections.findLive(actor.userId(), now).stream()
                .filter(connection -> !connection.connectionId().equals(actor.connectionId()))
                .toList();
        return new SignOutEverywhereReply(revokedDevices, sockets.close(others));
    }
}
