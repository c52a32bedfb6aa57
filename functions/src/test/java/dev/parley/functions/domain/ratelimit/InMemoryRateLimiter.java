package dev.parley.functions.domain.ratelimit;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory fake of {@link RateLimiter}; {@link RateLimiterContract} holds it to the real one's behaviour. */
public final class InMemoryRateLimiter implements RateLimiter {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    @Override
    public boolean tryAcquire(String counter, int limit, Instant expiresAt) {
        boolean[] admitted = {false};
        counts.compute(counter, (key, count) -> {
            int now = count == null ? 0 : count;
            admitted[0] = now < limit;
            return admitted[0] ? now + 1 : now;
        });
        return admitted[0];
    }
}
