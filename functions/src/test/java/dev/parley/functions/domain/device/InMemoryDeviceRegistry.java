package dev.parley.functions.domain.device;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The device registry in a map, for use case and handler tests. */
public final class InMemoryDeviceRegistry implements DeviceRegistry {
    private final Map<String, Map<String, DeviceRecord>> devices = new HashMap<>();
    private final Map<String, Instant> userRevocations = new HashMap<>();

    @Override
    public synchronized void seen(String userId, String deviceId, String platform, Instant at) {
        Map<String, DeviceRecord> ofUser = devices.computeIfAbsent(userId, user -> new LinkedHashMap<>());
        DeviceRecord known = ofUser.get(deviceId);
        ofUser.put(deviceId, new DeviceRecord(userId, deviceId, platform,
                known == null ? at : known.firstSeenAt(), at, known == null ? null : known.revokedAt()));
    }

    @Override
    public synchronized List<DeviceRecord> list(String userId) {
        return new ArrayList<>(devices.getOrDefault(userId, Map.of()).values());
    }

    @Override
    public synchronized boolean revoke(String userId, String deviceId, Instant at) {
        DeviceRecord known = devices.getOrDefault(userId, Map.of()).get(deviceId);
        if (known == null) {
            return false;
        }
        devices.get(userId).put(deviceId, new DeviceRecord(userId, deviceId, known.platform(), known.firstSeenAt(),
                known.lastSeenAt(), at));
        return true;
    }

    @Override
    public synchronized void revokeAll(String userId, Instant at) {
        userRevocations.put(userId, at);
    }

    @Override
    public synchronized void forget(String userId) {
        devices.remove(userId);
    }

    @Override
    public synchronized Revocations revocations(String userId, String deviceId) {
        DeviceRecord device = devices.getOrDefault(userId, Map.of()).get(deviceId);
        return new Revocations(device == null ? null : device.revokedAt(), userRevocations.get(userId));
    }

    public synchronized Instant userRevokedAt(String userId) {
        return userRevocations.get(userId);
    }
}
