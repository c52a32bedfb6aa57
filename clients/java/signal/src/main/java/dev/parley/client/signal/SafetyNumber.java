package dev.parley.client.signal;

import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.fingerprint.Fingerprint;
import org.signal.libsignal.protocol.fingerprint.NumericFingerprintGenerator;

import java.nio.charset.StandardCharsets;

/**
 * libsignal's numeric fingerprint of two identity keys, each bound to its user id. Each Parley
 * device has its own identity key, so a safety number belongs to a pair of devices; both sides
 * compute the same 60 digits.
 *
 * @param digits    60 digits, shown in 12 groups of 5
 * @param scannable the QR code's bytes (libsignal's ScannableFingerprint)
 */
public record SafetyNumber(String digits, byte[] scannable) {
    /** Signal's iteration count for its version-2 (service id) safety numbers. */
    private static final int ITERATIONS = 5200;
    /** Identifiers are UTF-8 user ids; the version keeps them from comparing equal to another scheme's. */
    private static final int VERSION = 1;

    static SafetyNumber of(String localUserId, IdentityKey local, String remoteUserId, IdentityKey remote) {
        Fingerprint fingerprint = new NumericFingerprintGenerator(ITERATIONS).createFor(VERSION,
                localUserId.getBytes(StandardCharsets.UTF_8), local, remoteUserId.getBytes(StandardCharsets.UTF_8), remote);
        return new SafetyNumber(fingerprint.getDisplayableFingerprint().getDisplayText(),
                fingerprint.getScannableFingerprint().getSerialized());
    }

    /** The digits in groups of five, as Signal shows them. */
    public String grouped() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 5) {
            out.append(i == 0 ? "" : " ").append(digits, i, Math.min(digits.length(), i + 5));
        }
        return out.toString();
    }
}
