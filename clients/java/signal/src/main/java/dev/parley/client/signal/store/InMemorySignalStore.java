package dev.parley.client.signal.store;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** A {@link SignalStore} in memory: for tests, and devices that keep nothing between runs. */
public final class InMemorySignalStore implements SignalStore {
    private LocalIdentity local;
    private final Map<String, byte[]> peers = new HashMap<>();
    private final Map<Integer, byte[]> preKeys = new HashMap<>();
    private final Map<Integer, byte[]> signedPreKeys = new TreeMap<>();
    private final Map<Integer, KyberPreKey> kyberPreKeys = new TreeMap<>();
    private final Set<String> usedBaseKeys = new HashSet<>();
    private final Map<String, TreeMap<Integer, byte[]>> sessions = new HashMap<>();
    private final Map<String, byte[]> senderKeys = new HashMap<>();
    private final Map<String, String> keyLogs = new HashMap<>();
    private final Map<String, String> mediaKeys = new HashMap<>();
    private final Map<String, String> ownSenderKeys = new HashMap<>();
    private final Map<String, Integer> sequences = new HashMap<>();

    @Override
    public synchronized Optional<LocalIdentity> localIdentity() {
        return Optional.ofNullable(local);
    }

    @Override
    public synchronized void setLocalIdentity(LocalIdentity identity) {
        local = identity;
    }

    @Override
    public synchronized Optional<byte[]> peerIdentity(String userId, int deviceNum) {
        return copy(peers.get(userId + "\n" + deviceNum));
    }

    @Override
    public synchronized void setPeerIdentity(String userId, int deviceNum, byte[] identityKey) {
        peers.put(userId + "\n" + deviceNum, identityKey.clone());
    }

    @Override
    public synchronized Optional<byte[]> preKey(int keyId) {
        return copy(preKeys.get(keyId));
    }

    @Override
    public synchronized void putPreKey(int keyId, byte[] record) {
        preKeys.put(keyId, record.clone());
    }

    @Override
    public synchronized void removePreKey(int keyId) {
        preKeys.remove(keyId);
    }

    @Override
    public synchronized int preKeyCount() {
        return preKeys.size();
    }

    @Override
    public synchronized Optional<byte[]> signedPreKey(int keyId) {
        return copy(signedPreKeys.get(keyId));
    }

    @Override
    public synchronized List<byte[]> signedPreKeys() {
        List<byte[]> all = new ArrayList<>();
        signedPreKeys.values().forEach(record -> all.add(record.clone()));
        return all;
    }

    @Override
    public synchronized void putSignedPreKey(int keyId, byte[] record) {
        signedPreKeys.put(keyId, record.clone());
    }

    @Override
    public synchronized void removeSignedPreKey(int keyId) {
        signedPreKeys.remove(keyId);
    }

    @Override
    public synchronized Optional<KyberPreKey> kyberPreKey(int keyId) {
        return Optional.ofNullable(kyberPreKeys.get(keyId));
    }

    @Override
    public synchronized List<KyberPreKey> kyberPreKeys() {
        return new ArrayList<>(kyberPreKeys.values());
    }

    @Override
    public synchronized void putKyberPreKey(int keyId, KyberPreKey key) {
        kyberPreKeys.put(keyId, new KyberPreKey(key.record().clone(), key.lastResort()));
    }

    @Override
    public synchronized void removeKyberPreKey(int keyId) {
        kyberPreKeys.remove(keyId);
    }

    @Override
    public synchronized int oneTimeKyberPreKeyCount() {
        return (int) kyberPreKeys.values().stream().filter(key -> !key.lastResort()).count();
    }

    @Override
    public synchronized boolean markKyberBaseKeyUsed(int kyberKeyId, int signedPreKeyId, byte[] baseKey) {
        return usedBaseKeys.add(kyberKeyId + "/" + signedPreKeyId + "/" + Base64.getEncoder().encodeToString(baseKey));
    }

    @Override
    public synchronized Optional<byte[]> session(String userId, int deviceNum) {
        TreeMap<Integer, byte[]> devices = sessions.get(userId);
        return copy(devices == null ? null : devices.get(deviceNum));
    }

    @Override
    public synchronized void putSession(String userId, int deviceNum, byte[] record) {
        sessions.computeIfAbsent(userId, id -> new TreeMap<>()).put(deviceNum, record.clone());
    }

    @Override
    public synchronized List<Integer> sessionDevices(String userId) {
        TreeMap<Integer, byte[]> devices = sessions.get(userId);
        return devices == null ? List.of() : List.copyOf(devices.keySet());
    }

    @Override
    public synchronized void removeSession(String userId, int deviceNum) {
        TreeMap<Integer, byte[]> devices = sessions.get(userId);
        if (devices != null) {
            devices.remove(deviceNum);
        }
    }

    @Override
    public synchronized Optional<byte[]> senderKey(String userId, int deviceNum, UUID distributionId) {
        return copy(senderKeys.get(userId + "\n" + deviceNum + "\n" + distributionId));
    }

    @Override
    public synchronized void putSenderKey(String userId, int deviceNum, UUID distributionId, byte[] record) {
        senderKeys.put(userId + "\n" + deviceNum + "\n" + distributionId, record.clone());
    }

    @Override
    public synchronized Optional<String> keyLog(String userId) {
        return Optional.ofNullable(keyLogs.get(userId));
    }

    @Override
    public synchronized void putKeyLog(String userId, String stateJson) {
        keyLogs.put(userId, stateJson);
    }

    @Override
    public synchronized Optional<String> mediaKey(String mediaId) {
        return Optional.ofNullable(mediaKeys.get(mediaId));
    }

    @Override
    public synchronized void putMediaKey(String mediaId, String keyJson) {
        mediaKeys.put(mediaId, keyJson);
    }

    @Override
    public synchronized Map<String, String> ownSenderKeys() {
        return Map.copyOf(ownSenderKeys);
    }

    @Override
    public synchronized void putOwnSenderKey(String conversationId, String stateJson) {
        if (stateJson == null) {
            ownSenderKeys.remove(conversationId);
        } else {
            ownSenderKeys.put(conversationId, stateJson);
        }
    }

    @Override
    public synchronized void clearOwnSenderKeys() {
        ownSenderKeys.clear();
    }

    @Override
    public synchronized int reserveIds(String sequence, int count) {
        int first = sequences.getOrDefault(sequence, 1);
        sequences.put(sequence, first + count);
        return first;
    }

    @Override
    public void close() {
    }

    private static Optional<byte[]> copy(byte[] bytes) {
        return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }
}
