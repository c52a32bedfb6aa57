package dev.parley.functions.domain.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link RateLimiter} does, run against the in-memory fake and against DynamoDB (moto). */
public abstract class RateLimiterContract {
    protected static final Instant WINDOW_END = Instant.parse("2026-03-01T12:01:00Z");

    protected abstract RateLimiter limiter();

    /** A counter no other test touches, so tests can share one table. */
    protected static String newCounter() {
        return "test#" + UUID.randomUUID() + "#29543520";
    }

    @Test
    void a_counter_admits_up_to_its_limit_and_refuses_every_request_after() {
        String counter = newCounter();

        assertThat(IntStream.range(0, 5).mapToObj(i -> limiter().tryAcquire(counter, 3, WINDOW_END)))
                .containsExactly(true, true, true, false, false);
    }

    @Test
    void each_counter_counts_on_its_own() {
        String full = newCounter();
        String other = newCounter();
        limiter().tryAcquire(full, 1, WINDOW_END);

        assertThat(limiter().tryAcquire(full, 1, WINDOW_END)).isFalse();
        assertThat(limiter().tryAcquire(other, 1, WINDOW_END)).isTrue();
    }
}
