package dev.parley.localenv.gateway;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Connection, request and message ids in API Gateway's shape: 16 characters, URL-safe base64 of
 * 11 random bytes with a trailing {@code =} (which clients percent-encode in {@code @connections} paths).
 */
final class GatewayIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder();

    private GatewayIds() {
    }

    static String next() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
