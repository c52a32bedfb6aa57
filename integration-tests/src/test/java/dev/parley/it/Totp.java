package dev.parley.it;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * RFC 6238 codes as Cognito's SOFTWARE_TOKEN_MFA challenge takes them: HMAC-SHA1, 6 digits, 30 s
 * steps, the secret in base32. (local-env has its own copy: the tests must not depend on it.)
 */
final class Totp {
    private static final long STEP_MILLIS = 30_000;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() {
    }

    /** The current code; when the step ends within two seconds, the next one's (moto accepts no other step). */
    static String currentCode(String base32Secret) {
        long now = System.currentTimeMillis();
        long left = STEP_MILLIS - now % STEP_MILLIS;
        if (left < 2_000) {
            try {
                Thread.sleep(left + 50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            now = System.currentTimeMillis();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(now / STEP_MILLIS).array());
            int offset = hash[hash.length - 1] & 0x0f;
            return String.format(Locale.ROOT, "%06d", (ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff) % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    private static byte[] base32(String text) {
        String clean = text.replace("=", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            buffer = (buffer << 5) | BASE32.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
