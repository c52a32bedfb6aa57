package dev.parley.functions.domain.message;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** The race for a seq: bounded by time (and a round cap as a safety net), with jittered, growing pauses; no real waits. */
class SeqRetriesTest {
    /** Always the top of the range: each pause is its ceiling. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    private static final RandomGenerator LOWEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return 0;
        }
    };

    @Test
    void the_pause_ceiling_starts_at_10_ms_and_doubles_per_lost_round_up_to_160_ms() {
        List<Duration> ceilings = new ArrayList<>();
        for (int lost = 1; lost <= 7; lost++) {
            ceilings.add(SeqRetries.ceiling(lost));
        }

        assertThat(ceilings).containsExactly(ms(10), ms(20), ms(40), ms(80), ms(160), ms(160), ms(160));
        assertThat(SeqRetries.ceiling(10_000)).isEqualTo(SeqRetries.MAX_BACKOFF);
    }

    @Test
    void each_pause_is_drawn_between_zero_and_its_ceiling() {
        FakeRaceClock top = new FakeRaceClock();
        FakeRaceClock bottom = new FakeRaceClock();
        FakeRaceClock seeded = new FakeRaceClock();
        SeqRetries.Race highest = top.retries(SeqRetries.BUDGET, HIGHEST).start();
        SeqRetries.Race lowest = bottom.retries(SeqRetries.BUDGET, LOWEST).start();
        SeqRetries.Race random = seeded.retries(SeqRetries.BUDGET).start();
        for (int i = 0; i < 6; i++) {
            assertThat(highest.again()).isTrue();
            assertThat(lowest.again()).isTrue();
            assertThat(random.again()).isTrue();
        }

        assertThat(top.pauses()).containsExactly(ms(10), ms(20), ms(40), ms(80), ms(160), ms(160));
        assertThat(bottom.pauses()).containsOnly(Duration.ZERO).hasSize(6);
        List<Duration> drawn = seeded.pauses();
        for (int i = 0; i < drawn.size(); i++) {
            assertThat(drawn.get(i)).isBetween(Duration.ZERO, SeqRetries.ceiling(i + 1));
        }
        assertThat(drawn).as("jittered, not the ceilings").doesNotContainSequence(top.pauses());
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
    void a_race_whose_rounds_take_a_second_stops_within_its_budget() {
        FakeRaceClock clock = new FakeRaceClock().eachRoundTaking(Duration.ofSeconds(1));
        SeqRetries.Race race = clock.retries(Duration.ofSeconds(10), HIGHEST).start();

        int allowed = 0;
        while (race.again()) {
            allowed++;
        }

        // Nine rounds of 1 s and their pauses (10+20+40+80+160x5 ms) end at 9.95 s; the tenth round ends past 10 s.
        assertThat(allowed).isEqualTo(9);
        assertThat(clock.lastWake()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void with_the_function_time_to_spare_a_send_races_for_the_whole_budget() {
        FakeRaceClock clock = new FakeRaceClock().eachRoundTaking(Duration.ofSeconds(1));
        SeqRetries.Race race = clock.retries(SeqRetries.BUDGET, LOWEST).start(Duration.ofSeconds(29));

        int allowed = 0;
        while (race.again()) {
            allowed++;
        }

        assertThat(allowed).as("rounds of 1 s within 20 s: the twentieth ends at it").isEqualTo(19);
    }

    @Test
    void a_pause_that_would_end_past_the_deadline_is_not_taken() {
        FakeRaceClock clock = new FakeRaceClock();
        SeqRetries.Race race = clock.retries(ms(100), HIGHEST).start();

        assertThat(race.again()).isTrue();
        assertThat(race.again()).isTrue();
        assertThat(race.again()).isTrue();
        assertThat(race.again()).as("70 ms slept, 80 more would pass 100").isFalse();
        assertThat(clock.pauses()).hasSize(3);
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
