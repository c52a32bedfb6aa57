package dev.parley.client.signal;

import dev.parley.client.signal.keylog.KeyLogException;
import dev.parley.client.signal.keylog.KeyLogState;
import org.signal.libsignal.protocol.IdentityKey;

/**
 * What the E2EE layer tells the app. Defaults ignore; called on the SDK's threads.
 */
public interface E2eeListener {

    /**
     * A peer device presented an identity key other than the trusted one. Nothing is sent to it
     * or accepted from it until the app calls {@code trust(userId, deviceNum, presented)} (after
     * showing the user the new safety number).
     */
    default void onIdentityChanged(String userId, int deviceNum, IdentityKey trusted, IdentityKey presented) {
    }

    /** A ciphertext given to {@code SignalDevice.decrypt} by hand could not be decrypted. */
    default void onDecryptionFailed(E2eeException.DecryptionFailed failure) {
    }

    /**
     * A received message (live, sync or history) could not be decrypted: tampered, no session or
     * sender key, an untrusted identity. The app may show a placeholder and ask the sender to
     * send it again (docs/e2ee.md#when-a-message-cannot-be-decrypted).
     */
    default void onMessageUndecryptable(UndecryptableMessage message) {
    }

    /** The key directory contradicted a key log this device verified before: show it, do not use the keys. */
    default void onKeyLogViolation(KeyLogException violation) {
    }

    /** A user's devices changed and the new key log verified (devicesChanged event). */
    default void onDevicesChanged(String userId, KeyLogState state) {
    }

    /** Keys were published (first publish, refill, or a reinstall); counts are the server's. */
    default void onKeysPublished(KeyWire.PublishKeysReply reply) {
    }

    /** Publishing or refilling keys failed; the SDK tries again on the next connect or keysLow. */
    default void onKeysPublishFailed(Throwable cause) {
    }
}
