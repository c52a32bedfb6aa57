package dev.parley.functions.domain.ratelimit;

import java.time.Clock;
import java.time.Instant;

/**
 * A fixed window per calendar minute (UTC) for one action and user: counter
 * {@code <action>#<userId>#<epochMinute>}. A burst may reach twice the limit across a minute's
 * edge; that is the price of one write per request and no read.
 */
public final class PerMinuteLimit {
    private final String action;
    private final int perMinute;
    private final RateLimiter limiter;
    private final Clock clock;

    public PerMinuteLimit(String action, int perMinute, RateLimiter limiter, Clock clock) {
        this.action = action;
        this.perMinute = perMinute;
        this.limiter = limiter;
        this.clock = clock;
    }

    /** Counts one request of {@code userId}; false when the user is over the limit this minute. */
    public boolean admits(String userId) {
        long minute = Math.floorDiv(clock.instant().getEpochSecond(), 60);
        return limiter.tryAcquire(action + "#" + userId + "#" + minute, perMinute, Instant.ofEpochSecond((minute + 1) * 60));
    }

    public int perMinute() {
        return perMinute;
    }
}
