package dev.parley.client.live;

import dev.parley.client.connection.Backoff;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The reconnect storm's pass/fail arithmetic ({@link StormTarget}), without a cloud or a clock. */
class StormTargetTest {
    private static final Backoff SDK = Backoff.defaults();

    @Test
    void theBestRateIsTheBusiestWindowNotTheAverage() {
        // 100 completions in the first second, then one every 10 s for a minute.
        List<Long> at = LongStream.concat(LongStream.range(0, 100).map(i -> i * 10_000_000L),
                LongStream.rangeClosed(1, 6).map(i -> i * 10_000_000_000L + 500_000_000L)).boxed().toList();

        assertThat(StormTarget.bestRate(at, 10)).isEqualTo(10.0);
        assertThat(StormTarget.bestRate(List.of(), 10)).isZero();
    }

    @Test
    void theNextWindowIsAboutTwiceTheTimeAlreadyWaited() {
        // Windows 1, 2, 4, 8 s waited half each: 7.5 s; the next one, 16 s, would pass 10 s.
        assertThat(StormTarget.windowAfter(SDK, 10)).isEqualTo(16.0);
        assertThat(StormTarget.windowAfter(SDK, 0)).isEqualTo(1.0);
        assertThat(StormTarget.windowAfter(SDK, 100)).isEqualTo(128.0);
        assertThat(StormTarget.windowAfter(SDK, 10_000)).isEqualTo(300.0);
    }

    @Test
    void aThousandClientsAtAHundredASecondCannotBeBackSoonerThanTheQuotaAllows() {
        StormTarget target = StormTarget.of(1000, 100, SDK, 0.5);

        assertThat(target.floorSeconds()).isEqualTo(10.0);
        assertThat(target.seconds()).isEqualTo(10 + 300 + 0.5);
        assertThat(target.met(310.5)).isTrue();
        assertThat(target.met(311)).isFalse();
    }

    @Test
    void theModelIsReproducibleAndSlowerWhenTheCloudIs() {
        double fast = StormTarget.simulate(1000, 100, SDK, 2);
        double slow = StormTarget.simulate(1000, 9.5, SDK, 2);

        assertThat(StormTarget.simulate(1000, 9.5, SDK, 2)).isEqualTo(slow);
        assertThat(slow).isGreaterThan(fast).isBetween(1000 / 9.5 + 2, StormTarget.of(1000, 9.5, SDK, 2).seconds());
        assertThat(StormTarget.of(1000, 9.5, SDK, 2).derivation()).contains("1000 / capacity = 105.3 s", "cap 300 s", "2.0 s");
    }

    @Test
    void withoutBackoffGrowthTheCrowdIsServedAtCapacityAndNoLater() {
        // A 1 s window: every refused client comes back within a second, so the cloud never idles.
        Backoff flat = new Backoff(1_000, 1_000, new Random(1));

        assertThat(StormTarget.simulate(1000, 100, flat, 0)).isBetween(9.0, 11.0);
    }

    @Test
    void aCrowdRetryingAtAFixedIntervalMissesTheSpreadTarget() {
        StormTarget target = StormTarget.of(1000, 12, SDK, 2);
        double bound = target.attemptsBound(SDK, 200); // second half from 100 s: windows of 128 s
        assertThat(bound).isCloseTo(2 * 1000 / 128.0, within(1e-9));

        // Every one of 1,000 clients every 2 s (a fixed interval) makes 500 attempts a second.
        assertThat(StormTarget.secondHalfMean(List.of(990, 500, 500, 500))).isGreaterThan(bound);
        // Spread: a burst at first, then a trickle.
        assertThat(StormTarget.secondHalfMean(List.of(990, 400, 10, 6))).isLessThanOrEqualTo(bound);
    }

    @Test
    void windowsThatNeverGrowGiveNoSlack() {
        Backoff flat = new Backoff(1_000, 1_000, new Random(1));

        assertThat(StormTarget.windowAfter(flat, 100)).isEqualTo(1.0);
        assertThat(StormTarget.of(1000, 100, flat, 0).attemptsBound(flat, 60)).isEqualTo(2000.0);
    }

    @Test
    void nothingConnectedMeansNoTarget() {
        assertThatThrownBy(() -> StormTarget.of(1000, 0, SDK, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
