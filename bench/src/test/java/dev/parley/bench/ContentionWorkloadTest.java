package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** W8's checks must be able to fail: each target just missed fails alone, and the run with it. */
class ContentionWorkloadTest {

    @Test
    void a_run_at_the_targets_passes_all_four_checks() {
        List<Targets.Check> checks = ContentionWorkload.check(run(200, 4.0, 1_000, 0, 0, null));

        assertThat(checks).hasSize(4).allSatisfy(check -> assertThat(check.status()).isEqualTo(Targets.Status.PASS));
        assertThat(new Verdict(checks, false).exitCode()).isZero();
    }

    @Test
    void just_under_50_messages_per_second_fails_the_throughput_target() {
        List<Targets.Check> checks = ContentionWorkload.check(run(200, 4.01, 500, 0, 0, null));

        assertThat(status(checks, "messages per second")).isEqualTo(Targets.Status.FAIL);
        assertThat(checks.getFirst().measured()).startsWith("49.875 per second (200 in 4.010 s)");
        assertThat(new Verdict(checks, true).exitCode()).isEqualTo(1);
    }

    @Test
    void a_p99_just_over_one_second_fails_the_reply_target() {
        List<Targets.Check> checks = ContentionWorkload.check(run(200, 2.0, 1_000.5, 0, 0, null));

        assertThat(status(checks, "reply p99")).isEqualTo(Targets.Status.FAIL);
        assertThat(status(checks, "messages per second")).isEqualTo(Targets.Status.PASS);
    }

    @Test
    void one_unavailable_or_one_other_failure_fails_the_availability_target() {
        assertThat(status(ContentionWorkload.check(run(200, 2.0, 500, 1, 0, null)), "no UNAVAILABLE"))
                .isEqualTo(Targets.Status.FAIL);
        assertThat(status(ContentionWorkload.check(run(200, 2.0, 500, 0, 1, null)), "no UNAVAILABLE"))
                .isEqualTo(Targets.Status.FAIL);
    }

    @Test
    void a_gap_a_duplicate_or_a_missing_message_fails_the_storage_check() {
        List<Targets.Check> gap = ContentionWorkload.check(run(200, 2.0, 500, 0, 0, "seq 7 where 6 was due"));
        List<Targets.Check> missing = ContentionWorkload.check(run(199, 2.0, 500, 0, 0, null));

        assertThat(status(gap, "stored once")).isEqualTo(Targets.Status.FAIL);
        assertThat(gap.getLast().measured()).isEqualTo("200/200 stored; seq 7 where 6 was due");
        assertThat(status(missing, "stored once")).isEqualTo(Targets.Status.FAIL);
    }

    @Test
    void the_table_says_what_a_stored_message_cost_in_cpu_and_how_fast_moto_served() {
        // 200 stored in 4 s, 5,000 moto requests, 20 s of moto's CPU and 30 s of the JVM's.
        String table = ContentionWorkload.table(run(200, 4.0, 1_000, 0, 0, null));

        assertThat(table).contains("5,000 requests (25.0 per stored message, 1250 a second)")
                .contains("CPU per stored message  moto 100 ms (4.00 ms a request), this JVM 150 ms");
    }

    private static ContentionWorkload.Result run(int stored, double seconds, double p99, int unavailable, int otherFailures,
                                                 String storageProblem) {
        return new ContentionWorkload.Result(20, stored, 200, seconds, p99 / 2, p99, unavailable, otherFailures, 0.5, 0.3, 1.0,
                5_000, storageProblem == null, storageProblem, 2.0, 20_000, 30_000);
    }

    private static Targets.Status status(List<Targets.Check> checks, String targetPart) {
        return checks.stream().filter(check -> check.target().contains(targetPart)).findFirst().orElseThrow().status();
    }
}
