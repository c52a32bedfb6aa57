package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The targets and their verdict must be able to fail: on missing data, on a value just over, on a skip. */
class TargetsTest {
    private static final long DELAY = 50;
    private static final String ROUND_TRIPS = "at most 3 sequential AWS round trips";

    @Test
    void a_round_trip_target_with_no_samples_fails_saying_there_was_no_data() {
        Latency none = Latency.of(DELAY, List.of(), List.of(), 0, List.of(), RoundTripCounts.of(List.of()));

        Targets.Check check = roundTripCheck(Targets.check(List.of(sent("W1", 100, none)), 0));

        assertThat(check.status()).isEqualTo(Targets.Status.FAIL);
        assertThat(check.measured()).startsWith("no data:");
    }

    @Test
    void a_workload_with_no_stored_send_fails_every_per_message_target_for_want_of_data() {
        List<Targets.Check> checks = Targets.check(List.of(sent("W1", 0, null), sent("W2", 0, null)), 0);

        List<Targets.Check> perMessage = checks.stream().filter(c -> c.target().startsWith("a one-to-one send")
                || c.target().startsWith("DynamoDB units")).toList();
        assertThat(perMessage).hasSize(7).allSatisfy(check -> {
            assertThat(check.status()).isEqualTo(Targets.Status.FAIL);
            assertThat(check.measured()).startsWith("no data:");
        });
    }

    @Test
    void round_trips_are_a_count_not_a_timing_so_a_noisy_3_49_timed_passes_when_3_were_counted_and_4_counted_fails() {
        Targets.Check over = roundTripCheck(Targets.check(List.of(sent("W1", 100, roundTrips(3.0, 4, 4, 3))), 0));
        Targets.Check at = roundTripCheck(Targets.check(List.of(sent("W1", 100, roundTrips(3.49, 3, 3, 4))), 0));

        assertThat(over.status()).isEqualTo(Targets.Status.FAIL);
        assertThat(over.measured()).startsWith("4.000 counted, median of 3 sends (3 x1, 4 x2; max 4)");
        assertThat(at.status()).isEqualTo(Targets.Status.PASS);
        assertThat(at.measured()).startsWith("3.000 counted").endsWith("timed: 3.490");
    }

    @Test
    void a_latency_run_whose_sends_could_not_be_counted_fails_for_want_of_data() {
        Latency uncounted = Latency.of(DELAY, List.of(10.0), List.of(160.0), 0, List.of(), RoundTripCounts.of(
                List.of(new RoundTrips.Sample.Uncounted("no @connections post during the send"))));

        Targets.Check check = roundTripCheck(Targets.check(List.of(sent("W1", 100, uncounted)), 0));

        assertThat(check.status()).isEqualTo(Targets.Status.FAIL);
        assertThat(check.measured()).startsWith("no data:").contains("no @connections post during the send");
    }

    @Test
    void failures_in_the_latency_run_fail_its_target_with_their_count_and_first_reasons_and_fail_the_run() {
        Latency withFailures = new Latency(DELAY, 99, 10, 12, 160, 170, 2,
                List.of("sendMessage failed: no reply within 10 s", "1 stored sends reached no recipient within 60 s"),
                roundTrips(3.0, 3).roundTrips());

        List<Targets.Check> checks = allTargets(withFailures);
        Targets.Check check = roundTripCheck(checks);

        assertThat(check.status()).isEqualTo(Targets.Status.FAIL);
        assertThat(check.measured()).contains("2 sends of the latency run failed or were not delivered")
                .contains("sendMessage failed: no reply within 10 s").contains("reached no recipient");
        Verdict verdict = new Verdict(checks, true);
        assertThat(verdict.allMet()).isFalse();
        assertThat(verdict.exitCode()).isEqualTo(1);
        assertThat(verdict.summary()).contains("FAILED").doesNotContain("All targets met");
    }

    @Test
    void a_skipped_target_is_listed_and_fails_the_run_unless_skips_are_allowed() {
        List<Targets.Check> checks = allTargets(null);
        assertThat(checks).filteredOn(c -> c.status() == Targets.Status.SKIPPED).hasSize(2)
                .allSatisfy(c -> assertThat(c.measured()).contains("--aws-delay-ms"));
        assertThat(checks).noneMatch(c -> c.status() == Targets.Status.FAIL);

        Verdict strict = new Verdict(checks, false);
        Verdict allowing = new Verdict(checks, true);

        assertThat(strict.allMet()).isFalse();
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.summary()).doesNotContain("All targets met").contains("2 of", "SKIPPED", "--allow-skip");
        assertThat(allowing.allMet()).isFalse();
        assertThat(allowing.exitCode()).isZero();
        assertThat(allowing.summary()).doesNotContain("All targets met");
    }

    @Test
    void the_report_lists_each_skipped_target_with_its_reason_and_never_claims_all_met() {
        BenchOptions options = BenchOptions.parse(new String[] {"--allow-skip"}, Path.of("/nonexistent-repo"));
        List<Targets.Check> checks = allTargets(null);

        String table = new Report(options, List.of(sent("W1", 100, null), sent("W2", 100, null)), List.of(),
                new Verdict(checks, options.allowSkip())).table();

        assertThat(options.allowSkip()).isTrue();
        assertThat(table).contains("SKIPPED  W1      " + ROUND_TRIPS)
                .contains("not measured: run with --aws-delay-ms 50")
                .contains("2 of %d targets SKIPPED".formatted(checks.size()))
                .doesNotContain("All targets met");
    }

    @Test
    void every_target_measured_and_met_is_all_met_and_exits_0() {
        Verdict verdict = new Verdict(allTargets(roundTrips(2.9, 3, 3)), false);

        assertThat(verdict.checks()).allMatch(c -> c.status() == Targets.Status.PASS);
        assertThat(verdict.allMet()).isTrue();
        assertThat(verdict.exitCode()).isZero();
        assertThat(verdict.summary()).isEqualTo("All targets met.");
    }

    @Test
    void missing_sync_and_push_measurements_fail_rather_than_disappear() {
        List<Targets.Check> checks = Targets.checkOperations(List.of(), 500);

        assertThat(checks).extracting(Targets.Check::workload).containsExactly("W4", "W5");
        assertThat(checks).allSatisfy(check -> {
            assertThat(check.status()).isEqualTo(Targets.Status.FAIL);
            assertThat(check.measured()).startsWith("no data:");
        });
        assertThat(new Verdict(List.of(), true).exitCode()).isEqualTo(1);
    }

    /** W1 and W2 met, W4 and W5 met, and each workload's round trips as given. */
    private static List<Targets.Check> allTargets(Latency latency) {
        List<Targets.Check> checks = new ArrayList<>(Targets.check(List.of(sent("W1", 100, latency), sent("W2", 100, latency)), 0));
        checks.addAll(Targets.checkOperations(List.of(sync("W4 5 of 200", 9), sync("W4 0 of 200", 4), sync("W4 5 of 20", 9),
                new OperationResult("W5 push due", "burst", 500, meter(500, 0), Map.of("pushesReceived", 500.0))), 500));
        return checks;
    }

    /** Send to first delivery: 10 ms without the delay, {@code timed} delays more with it; and the sends' counted round trips. */
    private static Latency roundTrips(double timed, int... counted) {
        return Latency.of(DELAY, List.of(10.0), List.of(10.0 + timed * DELAY), 0, List.of(), RoundTripCounts.of(
                java.util.Arrays.stream(counted).mapToObj(n -> (RoundTrips.Sample) new RoundTrips.Sample.Counted(n)).toList()));
    }

    /**
     * A one-to-one workload whose sends all arrived, at 3 API Gateway messages, 3 write and 2.5 read units each,
     * and whose conversation run had one markRead per 3 messages at 3 more API Gateway messages each.
     */
    private static WorkloadResult sent(String name, int messages, Latency latency) {
        return new WorkloadResult(name, "one-to-one", 200, messages, 0, null, 1.0, messages, messages,
                meter(messages, messages), latency).with(conversation(messages, messages / 3 * 3), null);
    }

    /** A conversation run of {@code messages} sends whose receipts added {@code extraGatewayMessages}. */
    private static ConversationResult conversation(int messages, long extraGatewayMessages) {
        List<String> stored = java.util.stream.IntStream.range(0, messages).mapToObj(i -> "m" + i).toList();
        ConversationDriver.Outcome outcome = new ConversationDriver.Outcome(stored, 0, null, java.time.Duration.ofSeconds(1),
                messages / 3, 0, 0, messages / 3, 0, 0, 0);
        MeterReading cost = meter(messages, messages);
        cost = new MeterReading(cost.awsCalls(), cost.apiGatewayIn() + extraGatewayMessages / 3,
                cost.apiGatewayOut() + extraGatewayMessages * 2 / 3, cost.dynamoDb(),
                Map.of("SendMessageFunction", (long) messages, "ActivityFunction", extraGatewayMessages / 3), 0);
        return new ConversationResult(Readers.Policy.COALESCED, false, 3, outcome, messages, messages, cost);
    }

    @Test
    void a_message_with_its_receipts_over_8_dollars_fails_and_a_workload_without_a_conversation_run_fails_for_want_of_data() {
        WorkloadResult over = new WorkloadResult("W1", "one-to-one", 200, 300, 0, null, 1.0, 300, 300, meter(300, 300), null)
                .with(conversation(300, 504), null);
        WorkloadResult missing = new WorkloadResult("W2", "one-to-one", 2000, 300, 0, null, 1.0, 300, 300, meter(300, 300), null);

        List<Targets.Check> checks = Targets.check(List.of(over, missing), 0);

        List<Targets.Check> receipts = checks.stream().filter(c -> c.target().startsWith("a one-to-one message with its receipts"))
                .toList();
        assertThat(receipts).extracting(Targets.Check::workload).containsExactly("W1", "W2");
        assertThat(receipts.get(0).status()).isEqualTo(Targets.Status.FAIL);
        assertThat(receipts.get(0).measured()).startsWith("$8.01");
        assertThat(receipts.get(1).status()).isEqualTo(Targets.Status.FAIL);
        assertThat(receipts.get(1).measured()).startsWith("no data:");
        assertThat(checks).filteredOn(c -> c.target().startsWith("the conversation run") && c.workload().equals("W2"))
                .singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(Targets.Status.FAIL));
    }

    private static OperationResult sync(String name, long calls) {
        return new OperationResult(name, "sync", 1, new MeterReading(Map.of("dynamodb/Query", calls), 1, 1, Map.of()), Map.of());
    }

    private static MeterReading meter(long in, long deliveries) {
        return new MeterReading(Map.of("dynamodb/PutItem", in), in, in + deliveries,
                Map.of("PutItem", new RequestUnits.Units(3.0 * in, 2.5 * in)), Map.of("SendMessageFunction", in), 0);
    }

    private static Targets.Check roundTripCheck(List<Targets.Check> checks) {
        return checks.stream().filter(c -> c.target().startsWith(ROUND_TRIPS)).findFirst().orElseThrow();
    }
}
