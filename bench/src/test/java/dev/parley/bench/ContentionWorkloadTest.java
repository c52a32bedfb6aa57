package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.ContentionWorkload.Tier;
import dev.parley.model.Limits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** W8's checks must be able to fail, on either tier: each target just missed fails alone, and the run with it. */
class ContentionWorkloadTest {

    @ParameterizedTest
    @EnumSource(Tier.class)
    void a_run_at_the_targets_passes_all_four_checks(Tier tier) {
        List<Targets.Check> checks = ContentionWorkload.check(run(tier, 200, 4.0, 1_000, 0, 0, null));

        assertThat(checks).hasSize(4).allSatisfy(check -> assertThat(check.status()).isEqualTo(Targets.Status.PASS));
        assertThat(new Verdict(checks, false).exitCode()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void just_under_50_messages_per_second_fails_the_throughput_target(Tier tier) {
        List<Targets.Check> checks = ContentionWorkload.check(run(tier, 200, 4.01, 500, 0, 0, null));

        assertThat(status(checks, "messages per second")).isEqualTo(Targets.Status.FAIL);
        assertThat(checks.getFirst().measured()).startsWith("49.875 per second (200 in 4.010 s)");
        assertThat(new Verdict(checks, true).exitCode()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void a_p99_just_over_one_second_fails_the_reply_target(Tier tier) {
        List<Targets.Check> checks = ContentionWorkload.check(run(tier, 200, 2.0, 1_000.5, 0, 0, null));

        assertThat(status(checks, "reply p99")).isEqualTo(Targets.Status.FAIL);
        assertThat(status(checks, "messages per second")).isEqualTo(Targets.Status.PASS);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void one_unavailable_or_one_other_failure_fails_the_availability_target(Tier tier) {
        assertThat(status(ContentionWorkload.check(run(tier, 200, 2.0, 500, 1, 0, null)), "no UNAVAILABLE"))
                .isEqualTo(Targets.Status.FAIL);
        assertThat(status(ContentionWorkload.check(run(tier, 200, 2.0, 500, 0, 1, null)), "no UNAVAILABLE"))
                .isEqualTo(Targets.Status.FAIL);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void a_gap_a_duplicate_or_a_missing_message_fails_the_storage_check(Tier tier) {
        List<Targets.Check> gap = ContentionWorkload.check(run(tier, 200, 2.0, 500, 0, 0, "seq 7 where 6 was due"));
        List<Targets.Check> missing = ContentionWorkload.check(run(tier, 199, 2.0, 500, 0, 0, null));

        assertThat(status(gap, "stored once")).isEqualTo(Targets.Status.FAIL);
        assertThat(gap.getLast().measured()).isEqualTo("200/200 stored; seq 7 where 6 was due");
        assertThat(status(missing, "stored once")).isEqualTo(Targets.Status.FAIL);
    }

    @Test
    void each_check_names_the_tier_and_the_group_size_so_the_two_runs_read_apart() {
        List<Targets.Check> small = ContentionWorkload.check(run(Tier.SMALL, 200, 2.0, 500, 0, 0, null));
        List<Targets.Check> large = ContentionWorkload.check(run(Tier.LARGE, 200, 2.0, 500, 0, 0, null));

        assertThat(small).allSatisfy(check -> assertThat(check.target()).contains("one small group (20 members)"));
        assertThat(large).allSatisfy(check -> assertThat(check.target()).contains("one large group (80 members)"));
    }

    @Test
    void the_table_says_what_a_stored_message_cost_in_cpu_and_how_fast_moto_served() {
        // 200 stored in 4 s, quiet 5 s after the start, 5,000 moto requests, 20 s of moto's CPU and 30 s of the JVM's.
        String table = ContentionWorkload.table(run(Tier.SMALL, 200, 4.0, 1_000, 0, 0, null));

        assertThat(table).contains("20 concurrent senders into one small group of 20 members (inline fan-out), 200 messages")
                .contains("held 30% of the 5.0 s until quiet; 5,000 requests (25.0 per stored message, 1000 a second)")
                .contains("AWS calls per message   dynamodb/Query 7.2, dynamodb/TransactWriteItems 6.5, sqs/SendMessage 1.0")
                .contains("CPU per stored message  moto 100 ms (4.00 ms a request), this JVM 150 ms");
    }

    @Test
    void few_senders_still_make_a_large_group_past_the_small_limit() {
        assertThat(ContentionWorkload.fillersFor(20)).isEqualTo(ContentionWorkload.LARGE_FILLERS);
        assertThat(4 + ContentionWorkload.fillersFor(4)).isEqualTo(Limits.MAX_MEMBERS + 1);
        assertThat(1 + ContentionWorkload.fillersFor(1)).isGreaterThan(Limits.MAX_MEMBERS);
    }

    @Test
    void the_large_tiers_table_says_its_fan_out_is_queued_to_the_viewing_senders() {
        String table = ContentionWorkload.table(run(Tier.LARGE, 200, 4.0, 1_000, 0, 0, null));

        assertThat(table).contains("into one large group of 80 members (queued fan-out, the senders viewing it)");
    }

    private static ContentionWorkload.Result run(Tier tier, int stored, double seconds, double p99, int unavailable,
                                                 int otherFailures, String storageProblem) {
        int members = tier == Tier.SMALL ? 20 : 20 + ContentionWorkload.LARGE_FILLERS;
        return new ContentionWorkload.Result(tier, members, 20, stored, 200, seconds, seconds + 1, p99 / 2, p99, unavailable,
                otherFailures, 0.5, 0.3, 1.0, 5_000, storageProblem == null, storageProblem, 2.0, 20_000, 30_000,
                Map.of("dynamodb/Query", 1_440L, "sqs/SendMessage", 200L, "dynamodb/TransactWriteItems", 1_300L));
    }

    private static Targets.Status status(List<Targets.Check> checks, String targetPart) {
        return checks.stream().filter(check -> check.target().contains(targetPart)).findFirst().orElseThrow().status();
    }
}
