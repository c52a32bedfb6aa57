package dev.parley.client.signal.keylog;

/** The key directory's answer contradicts the key log this device verified before. */
public final class KeyLogException extends Exception {
    private final Kind kind;
    private final String userId;

    public KeyLogException(Kind kind, String userId, String message) {
        super(kind + " in the key log of " + userId + ": " + message);
        this.kind = kind;
        this.userId = userId;
    }

    public Kind kind() {
        return kind;
    }

    public String userId() {
        return userId;
    }

    public enum Kind {
        /** The log no longer extends the head this device verified: history was rewritten. */
        FORK,
        /** The server's head is older than the head this device verified. */
        ROLLBACK,
        /** An entry's hash does not recompute, its prevHash does not link, or a seq is missing. */
        BROKEN_CHAIN,
        /** A claimKeys bundle's identity key is not the log's newest key for that device. */
        IDENTITY_MISMATCH,
        /** A bundle for a device the log does not have, or has revoked. */
        UNKNOWN_DEVICE,
        /** An entry that cannot be read (bad base64, unknown change). */
        MALFORMED
    }
}
