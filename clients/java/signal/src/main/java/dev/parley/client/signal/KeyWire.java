package dev.parley.client.signal;

import java.util.List;

/**
 * The key directory's actions and events as the wire carries them (the E2EE contract shared with
 * the server, docs/e2ee.md). Every binary value is standard base64 of libsignal's own
 * {@code serialize()} output; {@link Base64Keys} converts.
 */
public final class KeyWire {
    public static final String PUBLISH_KEYS = "publishKeys";
    public static final String GET_KEY_COUNTS = "getKeyCounts";
    public static final String CLAIM_KEYS = "claimKeys";
    public static final String GET_KEY_LOG = "getKeyLog";
    public static final String KEYS_LOW_EVENT = "keysLow";
    public static final String DEVICES_CHANGED_EVENT = "devicesChanged";

    /** Most one-time keys of each kind a publishKeys may carry. */
    public static final int MAX_ONE_TIME_KEYS_PER_PUBLISH = 100;
    /** Below this many one-time keys of a kind the server sends keysLow and the SDK refills. */
    public static final int KEYS_LOW_THRESHOLD = 10;
    /** Most entries one getKeyLog answers (the server's Limits.MAX_KEY_LOG_PAGE): a full page means ask again. */
    public static final int MAX_KEY_LOG_PAGE = 100;
    /** Key ids are 24-bit (libsignal's prekey id space as Signal uses it). */
    public static final int MAX_KEY_ID = 0xFFFFFF;

    private KeyWire() {
    }

    /** An EC one-time prekey: 33-byte public key. */
    public record PreKey(int keyId, String publicKey) {
    }

    /** A signed prekey (EC, 33 bytes) or a Kyber prekey (1569 bytes), with its 64-byte signature. */
    public record SignedKey(int keyId, String publicKey, String signature) {
    }

    /** signedPreKey and kyberLastResortKey are required on a device's first publish and on a reinstall. */
    public record PublishKeysRequest(int registrationId, String identityKey, SignedKey signedPreKey,
                                     SignedKey kyberLastResortKey, List<PreKey> oneTimePreKeys,
                                     List<SignedKey> oneTimeKyberPreKeys) {
    }

    public record PublishKeysReply(int deviceNum, int oneTimePreKeys, int oneTimeKyberPreKeys) {
    }

    public record GetKeyCountsRequest() {
    }

    /** The getKeyCounts reply, and the counts a keysLow event carries. */
    public record KeyCounts(int oneTimePreKeys, int oneTimeKyberPreKeys) {
        public boolean low() {
            return oneTimePreKeys < KEYS_LOW_THRESHOLD || oneTimeKyberPreKeys < KEYS_LOW_THRESHOLD;
        }
    }

    /** deviceNum null: every non-revoked device of the user that published keys. */
    public record ClaimKeysRequest(String userId, Integer deviceNum) {
    }

    public record KeyLogHead(long seq, String hash) {
    }

    public record KyberKey(int keyId, String publicKey, String signature, boolean lastResort) {
    }

    /** oneTimePreKey is null when the device has none left. */
    public record Bundle(int deviceNum, int registrationId, String identityKey, SignedKey signedPreKey,
                         PreKey oneTimePreKey, KyberKey kyberPreKey) {
    }

    public record ClaimKeysReply(String userId, KeyLogHead keyLog, List<Bundle> bundles) {
    }

    /** afterSeq null: the whole log. */
    public record GetKeyLogRequest(String userId, Long afterSeq) {
    }

    /** change: "added", "reinstalled" or "revoked"; at: epoch milliseconds, as every Parley timestamp. */
    public record KeyLogEntry(long seq, int deviceNum, int registrationId, String identityKey, String change, long at,
                              String prevHash, String hash) {
    }

    public record KeyLogReply(String userId, List<KeyLogEntry> entries) {
    }

    public record KeysLowEvent(int oneTimePreKeys, int oneTimeKyberPreKeys, int threshold) {
    }

    public record DevicesChangedEvent(String userId, KeyLogHead keyLog) {
    }

    /**
     * One ciphertext for one device (the later device-addressed sendMessage's envelope).
     * type: "prekey" (a PreKeySignalMessage, the first ones of a session) or "message".
     */
    public record Envelope(String userId, int deviceNum, int registrationId, String type, String ciphertext) {
        public static final String PREKEY = "prekey";
        public static final String MESSAGE = "message";
    }
}
