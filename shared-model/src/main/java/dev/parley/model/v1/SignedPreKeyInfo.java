package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A signed prekey as published: the EC signed prekey (publicKey 33 bytes), or a Kyber prekey
 * (publicKey 1569 bytes, libsignal's KEMPublicKey.serialize() for Kyber1024); signature 64 bytes by
 * the device's identity key. All base64. The server does not check the signature: clients do.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignedPreKeyInfo(Integer keyId, String publicKey, String signature) {
}
