package dev.parley.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** W7's checks must be able to fail: each target just missed fails alone, and the run with it. */
class LargeGroupWorkloadTest {

    /**
     * A run whose two busy phases lie on $a + $b × viewers, read calls c + d × viewers, and whose
     * viewing window of 30 messages paid $a each plus a round of {@code roundDollars}.
     */
    private static LargeGroupWorkload.Result run(double viewingDollars, double roundDollars, double perViewer, double p99,
                                                 double readsPerViewer) {
        LargeGroupWorkload.Phase viewing = new LargeGroupWorkload.Phase(299, viewingDollars, 4 + 299 * readsPerViewer, p99 / 2,
                p99 / 2, 10, 0, 0);
        LargeGroupWorkload.Phase window = new LargeGroupWorkload.Phase(299, viewingDollars + roundDollars / 30, 6, p99 / 2, p99,
                30, 1_700, 1);
        LargeGroupWorkload.Phase all = new LargeGroupWorkload.Phase(1_999, viewingDollars + 1_700 * perViewer,
                4 + 1_999 * readsPerViewer, p99 / 2, p99 / 2, 10, 0, 0);
        return new LargeGroupWorkload.Result(10_000, 2_000, viewing, window, all, "on", 10, 2.0);
    }

    private static LargeGroupWorkload.Result run(double viewingDollars, double perViewer, double p99, double readsPerViewer) {
        return run(viewingDollars, 0.0017, perViewer, p99, readsPerViewer);
    }

    private static Targets.Status status(List<Targets.Check> checks, String targetPart) {
        return checks.stream().filter(check -> check.target().contains(targetPart)).findFirst().orElseThrow().status();
    }

    @Test
    void a_run_within_every_target_passes() {
        List<Targets.Check> checks = LargeGroupReport.check(run(0.00032, 0.00000104, 900, 0.004));

        assertThat(checks).hasSize(4).allSatisfy(check -> assertThat(check.status()).isEqualTo(Targets.Status.PASS));
        assertThat(new Verdict(checks, false).exitCode()).isZero();
    }

    @Test
    void the_viewing_target_is_checked_on_the_window_that_pays_its_round() {
        // Busy messages at $0.0003 pass alone; a round of $0.006 shared by 30 messages adds $0.0002 and just over.
        LargeGroupWorkload.Result result = run(0.0003, 0.006003, 0.0000010, 900, 0.004);

        assertThat(result.roundDollars()).isCloseTo(0.006003, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(status(LargeGroupReport.check(result), "viewing, 30 messages per 30 s")).isEqualTo(Targets.Status.FAIL);
        assertThat(status(LargeGroupReport.check(run(0.0003, 0.0059, 0.0000010, 900, 0.004)), "viewing, 30 messages"))
                .isEqualTo(Targets.Status.PASS);
    }

    @Test
    void just_over_the_viewing_price_fails_that_target_alone() {
        List<Targets.Check> checks = LargeGroupReport.check(run(0.0005001, 0, 0.0000010, 900, 0.004));

        assertThat(status(checks, "viewing, 30 messages")).isEqualTo(Targets.Status.FAIL);
        assertThat(status(checks, "online and viewing")).isEqualTo(Targets.Status.PASS);
        assertThat(new Verdict(checks, true).exitCode()).isEqualTo(1);
    }

    @Test
    void a_line_that_reaches_just_over_0_011_at_10000_viewers_fails_the_all_online_target() {
        // 0.0003 + (9,999 - 299) x b = 0.0110001
        double perViewer = (0.0110001 - 0.0003) / 9_700;
        LargeGroupWorkload.Result result = run(0.0003, perViewer, 900, 0.004);

        assertThat(result.dollarsAt(9_999)).isCloseTo(0.0110001, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(status(LargeGroupReport.check(result), "online and viewing")).isEqualTo(Targets.Status.FAIL);
    }

    @Test
    void a_p99_just_over_one_second_fails_the_completion_target() {
        // run() puts the p99 in the window, the messages delivered while the round runs.
        assertThat(status(LargeGroupReport.check(run(0.0003, 0.000001, 1_000.5, 0.004)), "within 1 s p99"))
                .isEqualTo(Targets.Status.FAIL);
    }

    @Test
    void read_calls_that_grow_faster_than_members_over_100_fail_the_reads_target() {
        // 4 + 9,999 x r > 10,000 / 100 + 10 when r > 0.0106
        assertThat(status(LargeGroupReport.check(run(0.0003, 0.000001, 900, 0.0107)), "read calls"))
                .isEqualTo(Targets.Status.FAIL);
        assertThat(status(LargeGroupReport.check(run(0.0003, 0.000001, 900, 0.0105)), "read calls"))
                .isEqualTo(Targets.Status.PASS);
    }

    @Test
    void the_flags_are_read_and_left_out_of_the_rest() {
        String[] args = {"--w7-only", "--w7-sockets", "500", "--w7-viewing", "100", "--aws-delay-ms", "10"};

        assertThat(LargeGroupWorkload.Options.parse(args)).isEqualTo(new LargeGroupWorkload.Options(10_000, 500, 100, 10, 30));
        assertThat(LargeGroupWorkload.Options.parse(new String[] {"--w7-window-messages", "60"}).windowMessages()).isEqualTo(60);
        assertThat(LargeGroupWorkload.otherFlags(args)).containsExactly("--aws-delay-ms", "10");
        assertThatThrownBy(() -> LargeGroupWorkload.Options.parse(new String[] {"--w7-sockets", "200", "--w7-viewing", "300"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
