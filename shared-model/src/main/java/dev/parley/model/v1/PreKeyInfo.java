package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A one-time EC prekey: {@code keyId} 0..16777215, {@code publicKey} base64 of libsignal's ECPublicKey.serialize() (33 bytes). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PreKeyInfo(Integer keyId, String publicKey) {
}
