package dev.parley.functions.domain.ratelimit;

import java.time.Instant;

/** Port: shared counters that refuse to go past a limit, so every Lambda instance sees the same count. */
public interface RateLimiter {

    /**
     * Counts one request against {@code counter}, or returns false, counting nothing, when it has
     * already reached {@code limit}. The counter may be forgotten once {@code expiresAt} has passed.
     */
    boolean tryAcquire(String counter, int limit, Instant expiresAt);
}
