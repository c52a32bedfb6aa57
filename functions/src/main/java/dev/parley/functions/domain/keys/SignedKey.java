package dev.parley.functions.domain.keys;

/** A key with an id and, for signed prekeys and Kyber keys, the identity key's signature over it (null for one-time EC keys). */
public record SignedKey(int keyId, byte[] publicKey, byte[] signature) {
}
