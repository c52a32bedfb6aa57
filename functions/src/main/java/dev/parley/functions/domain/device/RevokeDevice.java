package dev.parley.functions.domain.device;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.ConnectionRepository;
import dev.parley.model.v1.RevokeDeviceReply;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Use case: cut off one of the caller's other devices, for example a lost phone. The revocation
 * record makes the authorizer refuse the device's tokens signed in before now, however long they
 * remain valid; its live sockets are closed at once, and it gets no more pushes (its push
 * registration is removed and its endpoint deleted), and its keys leave the key directory (nobody
 * can start a session with it; its contacts hear devicesChanged). Signing in on the device again undoes the
 * revocation; pushes need a new registerDevice.
 */
public final class RevokeDevice {
    private final DeviceRegistry devices;
    private final ConnectionRepository connections;
    private final LiveSockets sockets;
    private final PushCleanup pushes;
    private final RevokedDeviceKeys keys;
    private final Clock clock;

    public RevokeDevice(DeviceRegistry devices, ConnectionRepository connections, ConnectionCloser closer, Clock clock) {
        this(devices, connections, closer, PushCleanup.NONE, clock);
    }

    public RevokeDevice(DeviceRegistry devices, ConnectionRepository connections, ConnectionCloser closer,
                        PushCleanup pushes, Clock clock) {
        this(devices, connections, closer, pushes, RevokedDeviceKeys.NONE, clock);
    }

    public RevokeDevice(DeviceRegistry devices, ConnectionRepository connections, ConnectionCloser closer,
                        PushCleanup pushes, RevokedDeviceKeys keys, Clock clock) {
        this.devices = devices;
        this.connections = connections;
        this.sockets = new LiveSockets(connections, closer);
        this.pushes = pushes;
        this.keys = keys;
        this.clock = clock;
    }

    public RevokeDeviceReply revoke(Actor actor, Command command) {
        String deviceId = RequestFields.required(command.deviceId(), "deviceId");
        if (deviceId.equals(actor.deviceId())) {
            throw RequestFields.badRequest("This is the device you are using; use signOutEverywhere or sign out on the device.");
        }
        Instant now = clock.instant();
        if (!devices.revoke(actor.userId(), deviceId, now)) {
            throw new FailureException(new Failure.DeviceNotFound(deviceId));
        }
        pushes.stop(actor.userId(), deviceId);
        keys.remove(actor.userId(), deviceId);
        List<Connection> live = connections.findLive(actor.userId(), now).stream()
                .filter(connection -> connection.deviceId().equals(deviceId))
                .toList();
        return new RevokeDeviceReply(deviceId, sockets.close(live));
    }

    /** What the caller asks for: the {@code revokeDevice} action's fields, as the handler read them. */
    public record Command(String deviceId) {
    }
}
