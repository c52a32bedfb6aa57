package dev.parley.functions.domain.keys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The key directory and key log in memory, with the adapter's conditions, for domain and handler tests. */
public final class InMemoryKeyDirectory implements KeyDirectory, KeyLog {
    private final Map<String, Integer> nextDeviceNum = new HashMap<>();
    private final Map<String, Integer> deviceNums = new HashMap<>();
    private final Map<String, DeviceKeys> devices = new TreeMap<>();
    private final Map<String, SignedKey> lastResorts = new HashMap<>();
    private final Map<String, TreeMap<Integer, SignedKey>> ec = new HashMap<>();
    private final Map<String, TreeMap<Integer, SignedKey>> kyber = new HashMap<>();
    private final Map<String, List<KeyLogEntry>> logs = new HashMap<>();

    @Override
    public synchronized int deviceNum(String userId, String deviceId) {
        return deviceNums.computeIfAbsent(userId + "/" + deviceId, key -> nextDeviceNum.merge(userId, 1, Integer::sum));
    }

    @Override
    public synchronized Optional<Integer> existingDeviceNum(String userId, String deviceId) {
        return Optional.ofNullable(deviceNums.get(userId + "/" + deviceId));
    }

    @Override
    public synchronized Optional<DeviceKeys> device(String userId, int deviceNum) {
        return Optional.ofNullable(devices.get(key(userId, deviceNum)));
    }

    @Override
    public synchronized List<DeviceKeys> devices(String userId) {
        return devices.values().stream().filter(device -> device.userId().equals(userId)).toList();
    }

    @Override
    public synchronized boolean install(DeviceKeys device, SignedKey lastResort, Integer replacedRegistrationId, KeyLogEntry entry) {
        DeviceKeys existing = devices.get(key(device.userId(), device.deviceNum()));
        boolean expected = replacedRegistrationId == null ? existing == null
                : existing != null && existing.registrationId() == replacedRegistrationId;
        if (!expected || !appendable(device.userId(), entry)) {
            return false;
        }
        devices.put(key(device.userId(), device.deviceNum()), device);
        lastResorts.put(key(device.userId(), device.deviceNum()), lastResort);
        logs.computeIfAbsent(device.userId(), user -> new ArrayList<>()).add(entry);
        return true;
    }

    @Override
    public synchronized void replaceSignedKeys(String userId, int deviceNum, SignedKey signedPreKey, SignedKey lastResort) {
        DeviceKeys device = devices.get(key(userId, deviceNum));
        if (signedPreKey != null) {
            devices.put(key(userId, deviceNum), new DeviceKeys(userId, device.deviceId(), deviceNum, device.registrationId(),
                    device.identityKey(), signedPreKey, device.counts()));
        }
        if (lastResort != null) {
            lastResorts.put(key(userId, deviceNum), lastResort);
        }
    }

    @Override
    public synchronized KeyCounts addOneTimeKeys(String userId, int deviceNum, List<SignedKey> ecKeys, List<SignedKey> kyberKeys) {
        ecKeys.forEach(k -> ec.computeIfAbsent(key(userId, deviceNum), d -> new TreeMap<>()).put(k.keyId(), k));
        kyberKeys.forEach(k -> kyber.computeIfAbsent(key(userId, deviceNum), d -> new TreeMap<>()).put(k.keyId(), k));
        return setCounts(userId, deviceNum, new KeyCounts(ec.getOrDefault(key(userId, deviceNum), new TreeMap<>()).size(),
                kyber.getOrDefault(key(userId, deviceNum), new TreeMap<>()).size()));
    }

    @Override
    public synchronized void dropOneTimeKeys(String userId, int deviceNum) {
        ec.remove(key(userId, deviceNum));
        kyber.remove(key(userId, deviceNum));
    }

    @Override
    public synchronized Optional<SignedKey> takeOneTimeEc(String userId, int deviceNum) {
        return take(ec.get(key(userId, deviceNum)));
    }

    @Override
    public synchronized Optional<SignedKey> takeOneTimeKyber(String userId, int deviceNum) {
        return take(kyber.get(key(userId, deviceNum)));
    }

    @Override
    public synchronized KeyCounts taken(String userId, int deviceNum, int ecTaken, int kyberTaken) {
        DeviceKeys device = devices.get(key(userId, deviceNum));
        if (device == null) {
            return new KeyCounts(0, 0);
        }
        return setCounts(userId, deviceNum, new KeyCounts(Math.max(0, device.counts().ec() - ecTaken),
                Math.max(0, device.counts().kyber() - kyberTaken)));
    }

    @Override
    public synchronized Optional<SignedKey> lastResort(String userId, int deviceNum) {
        return Optional.ofNullable(lastResorts.get(key(userId, deviceNum)));
    }

    @Override
    public synchronized boolean remove(DeviceKeys device, KeyLogEntry entry) {
        DeviceKeys existing = devices.get(key(device.userId(), device.deviceNum()));
        if (existing == null || existing.registrationId() != device.registrationId() || !appendable(device.userId(), entry)) {
            return false;
        }
        devices.remove(key(device.userId(), device.deviceNum()));
        lastResorts.remove(key(device.userId(), device.deviceNum()));
        logs.computeIfAbsent(device.userId(), user -> new ArrayList<>()).add(entry);
        return true;
    }

    @Override
    public synchronized Optional<KeyLogEntry> head(String userId) {
        List<KeyLogEntry> log = logs.getOrDefault(userId, List.of());
        return log.isEmpty() ? Optional.empty() : Optional.of(log.getLast());
    }

    @Override
    public synchronized List<KeyLogEntry> after(String userId, long afterSeq, int limit) {
        return logs.getOrDefault(userId, List.of()).stream().filter(entry -> entry.seq() > afterSeq).limit(limit).toList();
    }

    private boolean appendable(String userId, KeyLogEntry entry) {
        return entry.seq() == logs.getOrDefault(userId, List.of()).size() + 1;
    }

    private KeyCounts setCounts(String userId, int deviceNum, KeyCounts counts) {
        DeviceKeys device = devices.get(key(userId, deviceNum));
        if (device != null) {
            devices.put(key(userId, deviceNum), new DeviceKeys(userId, device.deviceId(), deviceNum, device.registrationId(),
                    device.identityKey(), device.signedPreKey(), counts));
        }
        return counts;
    }

    private static Optional<SignedKey> take(TreeMap<Integer, SignedKey> keys) {
        return keys == null || keys.isEmpty() ? Optional.empty() : Optional.of(keys.pollFirstEntry().getValue());
    }

    private static String key(String userId, int deviceNum) {
        return userId + "#" + deviceNum;
    }
}
