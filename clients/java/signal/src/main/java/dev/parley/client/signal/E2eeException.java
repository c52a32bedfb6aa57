package dev.parley.client.signal;

/**
 * Why an E2EE operation on a peer device failed. Apps branch on the subclass and its
 * {@code reason()}, never on the text.
 */
public abstract class E2eeException extends Exception {
    private final String userId;
    private final int deviceNum;

    E2eeException(String userId, int deviceNum, String message, Throwable cause) {
        super(message + " (" + userId + "." + deviceNum + ")", cause);
        this.userId = userId;
        this.deviceNum = deviceNum;
    }

    /** The peer device's user. */
    public String userId() {
        return userId;
    }

    public int deviceNum() {
        return deviceNum;
    }

    /** A ciphertext from a device could not be decrypted; the plaintext is not shown and nothing was stored. */
    public static final class DecryptionFailed extends E2eeException {
        private final Reason reason;

        public DecryptionFailed(String userId, int deviceNum, Reason reason, String message, Throwable cause) {
            super(userId, deviceNum, reason + ": " + message, cause);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }

        public enum Reason {
            /** The ciphertext was altered or is not a Signal message: its MAC or structure is wrong. */
            INVALID_MESSAGE,
            /** A "message" from a device this one has no session with (it lost its state, or we did). */
            NO_SESSION,
            /** A ciphertext already decrypted once (a replay, or a redelivery). */
            DUPLICATE,
            /** The sender's identity key is not the one trusted for it (see E2eeListener#onIdentityChanged). */
            UNTRUSTED_IDENTITY,
            /** A first message for a one-time prekey this device no longer holds (used or never published). */
            UNKNOWN_PREKEY,
            /** The envelope's type is neither "prekey" nor "message", or its ciphertext is not base64. */
            MALFORMED_ENVELOPE,
            /** A group message under a sender key this device never received (ask the sender to redistribute, docs/e2ee.md). */
            NO_SENDER_KEY
        }
    }

    /** No ciphertext could be made for a device. */
    public static final class EncryptionFailed extends E2eeException {
        private final Reason reason;

        public EncryptionFailed(String userId, int deviceNum, Reason reason, String message, Throwable cause) {
            super(userId, deviceNum, reason + ": " + message, cause);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }

        public enum Reason {
            /** No session with the device: claim its keys (claimKeys) first. */
            NO_SESSION,
            /** The device's identity key changed and the app has not trusted the new one. */
            UNTRUSTED_IDENTITY
        }
    }

    /** A claimKeys bundle that no session may be built from. */
    public static final class BundleRejected extends E2eeException {
        private final Reason reason;

        public BundleRejected(String userId, int deviceNum, Reason reason, String message, Throwable cause) {
            super(userId, deviceNum, reason + ": " + message, cause);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }

        public enum Reason {
            /** A key is not base64 or not a key, or a prekey's signature does not verify under the identity key. */
            INVALID_KEY,
            /** The identity key differs from the one trusted for the device. */
            UNTRUSTED_IDENTITY
        }
    }
}
