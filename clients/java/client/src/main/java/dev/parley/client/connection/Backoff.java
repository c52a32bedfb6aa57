package dev.parley.client.connection;

import java.util.Random;

/**
 * Full-jitter exponential backoff: the n-th retry waits a uniformly random time in
 * [0, min(cap, base * 2^(n-1))]. Randomising the whole window (not just a small jitter on top of
 * a fixed delay) is what spreads a crowd of clients that lost their sockets at the same moment
 * (docs/client-java.md compares it with Stream, Ably and PubNub).
 */
public final class Backoff {
    /** Defaults: base 1 s, cap 5 minutes (why: docs/client-java.md#reconnecting). */
    public static final long DEFAULT_BASE_MILLIS = 1_000;
    public static final long DEFAULT_CAP_MILLIS = 300_000;

    private final long baseMillis;
    private final long capMillis;
    private final Random random;

    public Backoff(long baseMillis, long capMillis, Random random) {
        if (baseMillis <= 0 || capMillis < baseMillis) {
            throw new IllegalArgumentException("need 0 < base <= cap, got base " + baseMillis + " cap " + capMillis);
        }
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
        this.random = random;
    }

    public static Backoff defaults() {
        return new Backoff(DEFAULT_BASE_MILLIS, DEFAULT_CAP_MILLIS, new Random());
    }

    /** The upper end of the window for retry {@code attempt} (1-based). */
    public long windowMillis(int attempt) {
        int doublings = Math.max(0, attempt - 1);
        if (doublings >= 62 || baseMillis > (capMillis >> doublings)) {
            return capMillis;
        }
        return Math.min(capMillis, baseMillis << doublings);
    }

    /** How long to wait before retry {@code attempt} (1-based). */
    public long delayMillis(int attempt) {
        long window = windowMillis(attempt);
        synchronized (random) {
            return (long) (random.nextDouble() * (window + 1));
        }
    }
}
