package dev.parley.client.signal;

/**
 * A message of an E2EE conversation this device could not decrypt (E2eeListener#onMessageUndecryptable).
 * The SDK skipped it (the sync goes on, the store holds nothing for it); the sender's device
 * ({@code senderId}, {@code senderDeviceNum}) can be asked to send it again (docs/e2ee.md#when-a-message-cannot-be-decrypted).
 *
 * @param alg "signal-v1" or "signal-senderkey-v1"
 */
public record UndecryptableMessage(String conversationId, long seq, String senderId, int senderDeviceNum, String alg,
                                   E2eeException.DecryptionFailed failure) {
    public E2eeException.DecryptionFailed.Reason reason() {
        return failure.reason();
    }
}
