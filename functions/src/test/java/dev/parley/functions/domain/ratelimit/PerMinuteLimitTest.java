package dev.parley.functions.domain.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PerMinuteLimitTest {

    /** Records the last counter asked about. */
    private static final class Spy implements RateLimiter {
        String counter;
        Instant expiresAt;

        @Override
        public boolean tryAcquire(String counter, int limit, Instant expiresAt) {
            this.counter = counter;
            this.expiresAt = expiresAt;
            return true;
        }
    }

    @Test
    void the_window_is_the_calendar_minute_and_its_counter_expires_when_it_ends() {
        Spy spy = new Spy();
        Instant at = Instant.parse("2026-03-01T12:00:59.999Z");

        new PerMinuteLimit("findUsers", 30, spy, Clock.fixed(at, ZoneOffset.UTC)).admits("sub-alice");

        assertThat(spy.counter).isEqualTo("findUsers#sub-alice#" + at.getEpochSecond() / 60);
        assertThat(spy.expiresAt).isEqualTo(Instant.parse("2026-03-01T12:01:00Z"));
    }

    @Test
    void the_first_and_last_millisecond_of_a_minute_share_a_counter_and_the_next_minute_has_its_own() {
        Spy spy = new Spy();
        List<String> counters = Stream.of("2026-03-01T12:00:00Z", "2026-03-01T12:00:59.999Z", "2026-03-01T12:01:00Z")
                .map(at -> {
                    new PerMinuteLimit("findUsers", 30, spy, Clock.fixed(Instant.parse(at), ZoneOffset.UTC)).admits("sub-alice");
                    return spy.counter;
                })
                .toList();

        assertThat(counters.get(1)).isEqualTo(counters.get(0));
        assertThat(counters.get(2)).isNotEqualTo(counters.get(0));
    }
}
