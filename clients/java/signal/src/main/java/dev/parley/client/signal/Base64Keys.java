package dev.parley.client.signal;

import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.InvalidKeyException;
import org.signal.libsignal.protocol.ecc.ECPublicKey;
import org.signal.libsignal.protocol.kem.KEMPublicKey;

import java.util.Base64;

/** Keys to and from the wire's standard base64 (with padding) of libsignal's serialize(). */
public final class Base64Keys {
    private Base64Keys() {
    }

    public static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** @throws BadKeyException when the text is not base64 */
    public static byte[] decode(String field, String base64) {
        if (base64 == null) {
            throw new BadKeyException(field + " is missing");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new BadKeyException(field + " is not standard base64: " + e.getMessage());
        }
    }

    public static IdentityKey identityKey(String field, String base64) {
        try {
            return new IdentityKey(decode(field, base64));
        } catch (InvalidKeyException e) {
            throw new BadKeyException(field + " is not an identity key: " + e.getMessage());
        }
    }

    public static ECPublicKey ecPublicKey(String field, String base64) {
        try {
            return new ECPublicKey(decode(field, base64));
        } catch (InvalidKeyException e) {
            throw new BadKeyException(field + " is not an EC public key: " + e.getMessage());
        }
    }

    public static KEMPublicKey kemPublicKey(String field, String base64) {
        try {
            return new KEMPublicKey(decode(field, base64));
        } catch (InvalidKeyException e) {
            throw new BadKeyException(field + " is not a Kyber public key: " + e.getMessage());
        }
    }

    /** A key from the server that cannot be read: the bundle or log entry carrying it is refused. */
    public static final class BadKeyException extends IllegalArgumentException {
        public BadKeyException(String message) {
            super(message);
        }
    }
}
