package dev.parley.functions.domain.sync;

import dev.parley.functions.domain.RequestFields;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code syncToken} of a sync reply, and the {@code since} of the next request: opaque to
 * clients, base64url of {@code v1:<epoch ms>}. The time is the server's before it read anything,
 * minus {@link #OVERLAP_MS}, so a write racing the read is reported again rather than missed;
 * clients dedupe by seq, so the overlap is harmless.
 */
record SyncToken(long millis) {
    static final long OVERLAP_MS = 2_000;
    private static final String PREFIX = "v1:";

    static SyncToken at(long serverMillis) {
        return new SyncToken(serverMillis - OVERLAP_MS);
    }

    /** The token a client sent as {@code since}, or BAD_REQUEST. */
    static SyncToken parse(String since) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(since), StandardCharsets.UTF_8);
            if (!decoded.startsWith(PREFIX)) {
                throw new IllegalArgumentException(decoded);
            }
            return new SyncToken(Long.parseLong(decoded.substring(PREFIX.length())));
        } catch (RuntimeException e) {
            throw RequestFields.badRequest("Field \"since\" must be a syncToken that sync returned.");
        }
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + millis).getBytes(StandardCharsets.UTF_8));
    }
}
