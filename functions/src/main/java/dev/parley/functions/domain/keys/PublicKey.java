package dev.parley.functions.domain.keys;

import dev.parley.functions.domain.RequestFields;

import java.util.Arrays;
import java.util.Base64;

/**
 * Opaque public key material as libsignal serializes it. The server checks only what it can
 * without cryptography: standard base64, the documented length, and the type byte of EC keys.
 * Signatures are never verified here: the only library that verifies them is libsignal, which is
 * AGPL and kept out of server jars, so clients verify every signature they use (docs/e2ee.md).
 */
public final class PublicKey {
    /** ECPublicKey.serialize(): type byte 0x05 (Curve25519) and 32 bytes. Also IdentityKey.serialize(). */
    public static final int EC_BYTES = 33;
    /** KEMPublicKey.serialize() of a Kyber1024 key: type byte and 1568 bytes. */
    public static final int KYBER_BYTES = 1569;
    /** XEdDSA signature by the identity key. */
    public static final int SIGNATURE_BYTES = 64;
    public static final int MAX_KEY_ID = 0xFFFFFF;
    private static final byte EC_TYPE = 0x05;

    private PublicKey() {
    }

    /** The bytes of an EC public key field, or BAD_REQUEST naming the field. */
    public static byte[] ec(String base64, String field) {
        byte[] bytes = decode(base64, field, EC_BYTES);
        if (bytes[0] != EC_TYPE) {
            throw RequestFields.badRequest("Field \"" + field + "\" must be a Curve25519 public key (type byte 0x05).");
        }
        return bytes;
    }

    public static byte[] kyber(String base64, String field) {
        return decode(base64, field, KYBER_BYTES);
    }

    public static byte[] signature(String base64, String field) {
        return decode(base64, field, SIGNATURE_BYTES);
    }

    public static int keyId(Integer keyId, String field) {
        RequestFields.required(keyId, field);
        if (keyId < 0 || keyId > MAX_KEY_ID) {
            throw RequestFields.badRequest("Field \"" + field + "\" must be 0 to " + MAX_KEY_ID + ".");
        }
        return keyId;
    }

    public static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] decode(String base64, String field, int length) {
        RequestFields.required(base64, field);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw RequestFields.badRequest("Field \"" + field + "\" must be standard base64.");
        }
        if (bytes.length != length) {
            throw RequestFields.badRequest("Field \"" + field + "\" must be " + length + " bytes, not " + bytes.length + ".");
        }
        return Arrays.copyOf(bytes, bytes.length);
    }
}
