package dev.parley.functions.domain.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * One entry of a user's append-only key log. Its hash covers the previous entry's hash, so a
 * client that remembers one (seq, hash) notices any later log that does not extend it:
 * {@code hash = SHA-256(prevHash || UTF-8 "seq|deviceNum|registrationId|identityKeyBase64|change|atEpochMs")}.
 */
public record KeyLogEntry(long seq, int deviceNum, int registrationId, byte[] identityKey, Change change, Instant at,
                          byte[] prevHash, byte[] hash) {

    /** The prevHash of entry 1. */
    public static final byte[] GENESIS = new byte[32];

    public enum Change {
        ADDED("added"), REINSTALLED("reinstalled"), REVOKED("revoked");

        private final String value;

        Change(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        public static Change of(String value) {
            for (Change change : values()) {
                if (change.value.equals(value)) {
                    return change;
                }
            }
            throw new IllegalArgumentException("unknown key log change " + value);
        }
    }

    /** The entry after {@code previous} (null: the first), hashed. */
    public static KeyLogEntry after(KeyLogEntry previous, int deviceNum, int registrationId, byte[] identityKey,
                                    Change change, Instant at) {
        long seq = previous == null ? 1 : previous.seq() + 1;
        byte[] prevHash = previous == null ? GENESIS : previous.hash();
        return new KeyLogEntry(seq, deviceNum, registrationId, identityKey, change, at, prevHash,
                hash(prevHash, seq, deviceNum, registrationId, identityKey, change, at));
    }

    static byte[] hash(byte[] prevHash, long seq, int deviceNum, int registrationId, byte[] identityKey, Change change,
                       Instant at) {
        String fields = seq + "|" + deviceNum + "|" + registrationId + "|" + PublicKey.encode(identityKey) + "|"
                + change.value() + "|" + at.toEpochMilli();
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prevHash);
            return sha256.digest(fields.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
