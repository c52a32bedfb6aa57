package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.keys.PublishKeys;
import dev.parley.model.Limits;

/**
 * One device's ciphertext of a pairwise message ({@link MessageBody.Envelopes}): opaque to the server,
 * which only checks that {@code (userId, deviceNum, registrationId)} names a current device of a member.
 *
 * @param ciphertext standard base64, at most {@link Limits#MAX_BODY_BYTES} characters
 * @param deviceId   the connection-level device id of {@code (userId, deviceNum)}, filled in by the device-set
 *                   check from the key directory; null in a draft. Readers are matched on it, so a sync or
 *                   history read needs no key-directory lookup.
 */
public record Envelope(String userId, int deviceNum, int registrationId, Type type, String ciphertext, String deviceId) {

    public enum Type {
        PREKEY("prekey"), MESSAGE("message");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Type of(String wire) {
            for (Type type : values()) {
                if (type.wire.equals(wire)) {
                    return type;
                }
            }
            return null;
        }
    }

    /** This envelope for the device the key directory knows as {@code deviceId}. */
    public Envelope to(String deviceId) {
        return new Envelope(userId, deviceNum, registrationId, type, ciphertext, deviceId);
    }

    public boolean isFor(String readerUserId, String readerDeviceId) {
        return userId.equals(readerUserId) && readerDeviceId.equals(deviceId);
    }

    /** An envelope as the request carried it, unchecked. */
    public record Fields(String userId, Integer deviceNum, Integer registrationId, String type, String ciphertext) {

        /** The checked envelope; a broken rule is a BAD_REQUEST (or PAYLOAD_TOO_LARGE) naming {@code envelopes[index]}. */
        Envelope parse(int index) {
            String field = "envelopes[" + index + "]";
            if (userId == null || userId.isEmpty()) {
                throw RequestFields.badRequest("Field \"" + field + ".userId\" is required.");
            }
            if (deviceNum == null || deviceNum < 1) {
                throw RequestFields.badRequest("Field \"" + field + ".deviceNum\" must be a device number (1 or more) from claimKeys.");
            }
            if (registrationId == null || registrationId < 1 || registrationId > PublishKeys.MAX_REGISTRATION_ID) {
                throw RequestFields.badRequest("Field \"" + field + ".registrationId\" must be 1 to " + PublishKeys.MAX_REGISTRATION_ID + ".");
            }
            Type parsed = Type.of(type);
            if (parsed == null) {
                throw RequestFields.badRequest("Field \"" + field + ".type\" must be \"prekey\" or \"message\".");
            }
            if (ciphertext == null || ciphertext.isEmpty()) {
                throw RequestFields.badRequest("Field \"" + field + ".ciphertext\" is required.");
            }
            if (ciphertext.length() > Limits.MAX_BODY_BYTES) {
                throw new FailureException(new Failure.PayloadTooLarge("Field \"" + field + ".ciphertext\" is longer than "
                        + Limits.MAX_BODY_BYTES + " base64 characters (the limit is per device)."));
            }
            if (!MessageDraft.isBase64(ciphertext)) {
                throw RequestFields.badRequest("Field \"" + field + ".ciphertext\" must be standard base64.");
            }
            return new Envelope(userId, deviceNum, registrationId, parsed, ciphertext, null);
        }
    }
}
