package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One device's ciphertext of a pairwise ({@code alg: "signal-v1"}) sendMessage: libsignal's
 * serialized message for the device {@code (userId, deviceNum)} whose registration id the sender's
 * session holds. {@code type} is {@code prekey} (a PreKeySignalMessage) or {@code message}; the
 * ciphertext is standard base64, at most Limits.MAX_BODY_BYTES characters.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Envelope(String userId, Integer deviceNum, Integer registrationId, String type, String ciphertext) {
}
