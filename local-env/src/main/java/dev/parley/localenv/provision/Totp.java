package dev.parley.localenv.provision;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Locale;

/**
 * RFC 6238 time-based one-time passwords as Cognito (and moto) use them: HMAC-SHA1, 6 digits, 30 second
 * steps, the secret in base32 as AssociateSoftwareToken returns it.
 */
public final class Totp {
    /** moto's AssociateSoftwareToken answers every user with this secret (moto.cognitoidp.models.COGNITO_TOTP_MFA_SECRET). */
    public static final String MOTO_SECRET = "asdfasdfasdf";
    private static final long STEP_MILLIS = 30_000;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() {
    }

    /**
     * The code for now, waiting for the next step first when this one ends within two seconds: moto
     * accepts only the current step's code (no window), so a code must not expire on its way there.
     */
    public static String currentCode(String base32Secret) {
        long now = Clock.systemUTC().millis();
        long left = STEP_MILLIS - now % STEP_MILLIS;
        if (left < 2_000) {
            try {
                Thread.sleep(left + 50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the next TOTP step", e);
            }
            now = Clock.systemUTC().millis();
        }
        return code(base32Secret, now / STEP_MILLIS);
    }

    static String code(String base32Secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
            return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
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
            int value = BASE32.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("Not a base32 TOTP secret: " + text);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
