package dev.parley.client.signal.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a device keeps its Signal state, as libsignal's own serialized records (opaque bytes):
 * the port {@link ProtocolStore} adapts to libsignal's store interfaces. {@link InMemorySignalStore}
 * for tests, {@link SqliteSignalStore} on the JVM; an Android app implements it on the platform's
 * SQLite with the tables of {@link SqliteSignalMigrations} (docs/e2ee-client.md).
 *
 * <p>Every write is durable when the method returns: a session ratchet or a consumed one-time key
 * that is lost in a crash makes the next message undecryptable.
 */
public interface SignalStore extends AutoCloseable {

    Optional<LocalIdentity> localIdentity();

    void setLocalIdentity(LocalIdentity identity);

    /** The identity key trusted for a peer device (libsignal's IdentityKey.serialize()). */
    Optional<byte[]> peerIdentity(String userId, int deviceNum);

    void setPeerIdentity(String userId, int deviceNum, byte[] identityKey);

    Optional<byte[]> preKey(int keyId);

    void putPreKey(int keyId, byte[] record);

    void removePreKey(int keyId);

    int preKeyCount();

    Optional<byte[]> signedPreKey(int keyId);

    List<byte[]> signedPreKeys();

    void putSignedPreKey(int keyId, byte[] record);

    void removeSignedPreKey(int keyId);

    Optional<KyberPreKey> kyberPreKey(int keyId);

    List<KyberPreKey> kyberPreKeys();

    void putKyberPreKey(int keyId, KyberPreKey key);

    void removeKyberPreKey(int keyId);

    /** One-time (not last-resort) Kyber keys held. */
    int oneTimeKyberPreKeyCount();

    /**
     * Records that a last-resort Kyber key was used with this (signed prekey, base key); false
     * when the same triple was recorded before (a replayed first message).
     */
    boolean markKyberBaseKeyUsed(int kyberKeyId, int signedPreKeyId, byte[] baseKey);

    Optional<byte[]> session(String userId, int deviceNum);

    void putSession(String userId, int deviceNum, byte[] record);

    /** Device numbers of the user with a session, ascending. */
    List<Integer> sessionDevices(String userId);

    void removeSession(String userId, int deviceNum);

    Optional<byte[]> senderKey(String userId, int deviceNum, UUID distributionId);

    void putSenderKey(String userId, int deviceNum, UUID distributionId, byte[] record);

    /** The newest verified head of the user's key log (JSON of {@code KeyLogState}). */
    Optional<String> keyLog(String userId);

    void putKeyLog(String userId, String stateJson);

    /**
     * The key of an E2EE media file (JSON: key, digest, size, contentType), from the message that
     * carried it; the server has only the encrypted bytes.
     */
    Optional<String> mediaKey(String mediaId);

    void putMediaKey(String mediaId, String keyJson);

    /**
     * This device's current sender key of a group conversation and the peer devices it was distributed to
     * (JSON: distributionId, holders as "userId.deviceNum"), so that a restarted app sends it only to devices
     * without it; a conversation absent: the next group send makes a new one. By conversation id.
     */
    java.util.Map<String, String> ownSenderKeys();

    /** @param stateJson null forgets it: the next group send makes a new key */
    void putOwnSenderKey(String conversationId, String stateJson);

    /** Forgets every conversation's (a device was revoked). */
    void clearOwnSenderKeys();

    /** Reserves {@code count} consecutive ids of the named sequence and returns the first (ids start at 1). */
    int reserveIds(String sequence, int count);

    @Override
    void close();

    /**
     * This device: its identity key pair (IdentityKeyPair.serialize()), registration id, and the
     * device number the server gave it on its first publish (0 until then).
     */
    record LocalIdentity(byte[] identityKeyPair, int registrationId, int deviceNum) {
        public LocalIdentity withDeviceNum(int deviceNum) {
            return new LocalIdentity(identityKeyPair, registrationId, deviceNum);
        }
    }

    /** A Kyber prekey record (KyberPreKeyRecord.serialize()) and whether it is the last-resort one. */
    record KyberPreKey(byte[] record, boolean lastResort) {
    }
}
