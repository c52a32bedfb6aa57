package dev.parley.functions.domain.device;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.ConnectionRepository;
import dev.parley.model.v1.DeviceInfo;
import dev.parley.model.v1.ListDevicesReply;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Use case: the caller's devices, most recently seen first, with which are connected now. */
public final class ListDevices {
    private final DeviceRegistry devices;
    private final ConnectionRepository connections;
    private final Clock clock;

    public ListDevices(DeviceRegistry devices, ConnectionRepository connections, Clock clock) {
        this.devices = devices;
        this.connections = connections;
        this.clock = clock;
    }

    public ListDevicesReply list(Actor actor) {
        Set<String> connected = connections.findLive(actor.userId(), clock.instant()).stream()
                .map(Connection::deviceId)
                .collect(Collectors.toSet());
        List<DeviceInfo> listed = devices.list(actor.userId()).stream()
                .sorted(Comparator.comparing(DeviceRecord::lastSeenAt).reversed().thenComparing(DeviceRecord::deviceId))
                .map(device -> new DeviceInfo(device.deviceId(), device.platform(),
                        device.firstSeenAt().toEpochMilli(), device.lastSeenAt().toEpochMilli(),
                        connected.contains(device.deviceId()), device.deviceId().equals(actor.deviceId()), device.revoked()))
                .toList();
        return new ListDevicesReply(listed);
    }
}
