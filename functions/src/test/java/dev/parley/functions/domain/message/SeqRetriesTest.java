package dev.parley.functions.domain.message;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** The race for a seq: bounded by time (and a round cap as a safety net), with jittered pauses that favour old sends; no real waits. */
class SeqRetriesTest {
    /** Always the top of the range: each pause is its ceiling. */
    private static final RandomGenerator HIGHEST = drawing(bound -> bound - 1);
    /** Always nothing: no pause. */
    private static final RandomGenerator LOWEST = drawing(bound -> 0);

    private static RandomGenerator drawing(LongUnaryOperator pick) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return pick.applyAsLong(bound);
            }
        };
    }

    @Test
    void a_new_send_may_wait_up_to_four_times_the_round_it_lost_within_10_ms_and_1_s() {
        assertThat(SeqRetries.ceiling(ms(25), Duration.ZERO)).isEqualTo(ms(100));
        assertThat(SeqRetries.ceiling(ms(200), Duration.ZERO)).isEqualTo(ms(800));
        assertThat(SeqRetries.ceiling(ms(1), Duration.ZERO)).isEqualTo(SeqRetries.MIN_CEILING);
        assertThat(SeqRetries.ceiling(ms(300), Duration.ZERO)).isEqualTo(SeqRetries.MAX_CEILING);
    }

    @Test
    void the_wait_shrinks_linearly_as_the_send_ages_to_none_at_20_s() {
        assertThat(SeqRetries.ceiling(ms(200), Duration.ofSeconds(10))).isEqualTo(ms(400));
        assertThat(SeqRetries.ceiling(ms(200), Duration.ofSeconds(15))).isEqualTo(ms(200));
        assertThat(SeqRetries.ceiling(ms(200), SeqRetries.AGING)).isEqualTo(Duration.ZERO);
        assertThat(SeqRetries.AGING).isEqualTo(SeqRetries.BUDGET);
    }

    @Test
    void each_pause_is_drawn_between_zero_and_its_ceiling_from_the_round_just_lost() {
        FakeRaceClock top = new FakeRaceClock().eachRoundTaking(ms(100));
        FakeRaceClock bottom = new FakeRaceClock().eachRoundTaking(ms(100));
        FakeRaceClock seeded = new FakeRaceClock().eachRoundTaking(ms(100));
        SeqRetries.Race highest = top.retries(SeqRetries.BUDGET, HIGHEST).start();
        SeqRetries.Race lowest = bottom.retries(SeqRetries.BUDGET, LOWEST).start();
        SeqRetries.Race random = seeded.retries(SeqRetries.BUDGET).start();
        for (int i = 0; i < 3; i++) {
            assertThat(highest.again()).isTrue();
            assertThat(lowest.again()).isTrue();
            assertThat(random.again()).isTrue();
        }

        // Rounds of 100 ms: the first loss, at 0.1 s, may wait 400 ms x (1 - 0.1/20); each later one, older, a little less.
        List<Duration> ceilings = top.pauses();
        assertThat(ceilings).hasSize(3).first().isEqualTo(ms(398));
        assertThat(ceilings.get(1)).isLessThan(ceilings.get(0)).isGreaterThan(ms(385));
        assertThat(ceilings.get(2)).isLessThan(ceilings.get(1)).isGreaterThan(ms(375));
        assertThat(bottom.pauses()).as("a pause of nothing is not slept").isEmpty();
        List<Duration> drawn = seeded.pauses();
        assertThat(drawn).hasSize(3).allSatisfy(pause -> assertThat(pause).isBetween(Duration.ZERO, ms(398)));
        assertThat(drawn).as("jittered, not the ceilings").isNotEqualTo(top.pauses());
    }

    @Test
    void a_race_that_keeps_losing_quickly_stops_at_the_round_cap_with_time_left() {
        FakeRaceClock clock = new FakeRaceClock();
        SeqRetries.Race race = clock.retries(Duration.ofDays(1), LOWEST).start();

        int allowed = 0;
        while (race.again()) {
            allowed++;
        }

        assertThat(allowed).isEqualTo(SeqRetries.MAX_ROUNDS - 1);
        assertThat(race.lost()).as("rounds made, each lost").isEqualTo(SeqRetries.MAX_ROUNDS);
    }

    @Test
    void with_the_function_time_to_spare_a_send_races_for_the_whole_budget_and_no_pause_passes_it() {
        FakeRaceClock clock = new FakeRaceClock().eachRoundTaking(Duration.ofSeconds(1));
        SeqRetries.Race race = clock.retries(SeqRetries.BUDGET, HIGHEST).start(Duration.ofSeconds(29));

        int allowed = 0;
        while (race.again()) {
            allowed++;
        }

        // Rounds of 1 s, each followed by a pause of 1 s x (1 - age/20 s): 0.95 s, 0.85 s, ... 1 ms after the 14th.
        assertThat(allowed).isEqualTo(14);
        assertThat(clock.lastWake()).isLessThan(SeqRetries.BUDGET);
    }

    @Test
    void a_pause_that_would_end_past_the_deadline_is_not_taken() {
        FakeRaceClock clock = new FakeRaceClock().eachRoundTaking(ms(30));
        SeqRetries.Race race = clock.retries(ms(200), HIGHEST).start();

        assertThat(race.again()).as("at 30 ms, 120 ms of pause end at 150").isTrue();
        assertThat(race.again()).as("at 180 ms, a pause of 119 would pass 200").isFalse();
        assertThat(clock.pauses()).hasSize(1);
    }

    @Test
    void the_functions_time_left_less_the_reserve_for_delivery_shortens_the_budget() {
        FakeRaceClock clock = new FakeRaceClock().eachRoundTaking(ms(500));
        SeqRetries.Race race = clock.retries(SeqRetries.BUDGET, LOWEST).start(SeqRetries.RESERVE.plusSeconds(2));

        int allowed = 0;
        while (race.again()) {
            allowed++;
        }

        assertThat(allowed).as("rounds of 0.5 s within 2 s: the fourth ends at it").isEqualTo(3);
    }

    @Test
    void a_function_with_less_time_left_than_the_reserve_makes_one_round_only() {
        FakeRaceClock clock = new FakeRaceClock();
        SeqRetries.Race race = clock.retries(SeqRetries.BUDGET, LOWEST).start(SeqRetries.RESERVE.minusSeconds(1));

        assertThat(race.again()).isFalse();
        assertThat(clock.pauses()).isEmpty();
    }

    @Test
    void the_budget_and_the_reserve_for_delivery_fit_in_api_gateways_29_s_integration_timeout() {
        assertThat(SeqRetries.BUDGET.plus(SeqRetries.RESERVE)).isLessThan(Duration.ofSeconds(29));
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
