package dev.parley.client.connection;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void theWindowDoublesFromTheBaseUpToTheCap() {
        Backoff backoff = new Backoff(1_000, 300_000, new Random(1));

        assertThat(backoff.windowMillis(1)).isEqualTo(1_000);
        assertThat(backoff.windowMillis(2)).isEqualTo(2_000);
        assertThat(backoff.windowMillis(9)).isEqualTo(256_000);
        assertThat(backoff.windowMillis(10)).isEqualTo(300_000);
        assertThat(backoff.windowMillis(1_000_000)).isEqualTo(300_000);
    }

    @Test
    void delaysFillTheWholeWindowUniformly() {
        Backoff backoff = new Backoff(1_000, 300_000, new Random(7));
        long min = Long.MAX_VALUE;
        long max = 0;
        long sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            long delay = backoff.delayMillis(12);
            min = Math.min(min, delay);
            max = Math.max(max, delay);
            sum += delay;
        }
        // Full jitter: anywhere in [0, cap], mean cap/2 (a fixed delay plus small jitter would cluster).
        assertThat(min).isLessThan(3_000);
        assertThat(max).isGreaterThan(297_000).isLessThanOrEqualTo(300_000);
        assertThat(sum / n).isBetween(145_000L, 155_000L);
    }

    @Test
    void refusesABaseAboveTheCap() {
        assertThatThrownBy(() -> new Backoff(10, 5, new Random())).isInstanceOf(IllegalArgumentException.class);
    }
}
