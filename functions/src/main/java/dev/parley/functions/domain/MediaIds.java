package dev.parley.functions.domain;

import java.security.SecureRandom;

/**
 * New media ids: {@code m_} and 26 characters of lower-case base32 (RFC 4648, no padding) of 128
 * random bits. Unguessable, because an id names an object a member may ask a URL for, and made of
 * characters that are safe in an S3 key, a URL path and a DynamoDB key alike.
 */
public final class MediaIds {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** What {@link #next()} makes; requests naming media ids are checked against it before any read. */
    public static final String FORMAT = "m_[a-z2-7]{26}";

    private MediaIds() {
    }

    public static String next() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        StringBuilder id = new StringBuilder("m_");
        int buffer = 0;
        int buffered = 0;
        for (byte b : bits) {
            buffer = (buffer << 8) | (b & 0xff);
            buffered += 8;
            while (buffered >= 5) {
                id.append(ALPHABET[(buffer >>> (buffered - 5)) & 31]);
                buffered -= 5;
            }
        }
        id.append(ALPHABET[(buffer << (5 - buffered)) & 31]);
        return id.toString();
    }
}
