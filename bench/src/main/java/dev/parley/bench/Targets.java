package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

/** The targets for the send path, checked against the workloads' figures. */
final class Targets {
    /**
     * Issue #3's $4.60 for a one-to-one send, plus what sync and push added per member, both needed
     * so that a sync costs what changed and a push goes only where one is due: the member row's
     * cursor write (1 write unit, $0.625 per million) and the read of the member's push summary in the
     * same BatchGetItem as its connections (0.5 read unit, $0.0625 per million). Two members: $5.975.
     * Issue 18's 24-hour idempotency stores the message in a transaction with its sent record: 4 write
     * units instead of 1, 3 more ($1.875 per million). In all: $7.85.
     */
    static final double MAX_DOLLARS_PER_MILLION = 4.60 + 2 * (0.625 + 0.0625) + 3 * 0.625;
    /**
     * Issue #17: a one-to-one message with the receipts the shipped clients send for it (W1, W2's
     * conversation runs: turns of {@code --burst} messages, read once by the other member).
     */
    static final double MAX_DOLLARS_PER_MILLION_WITH_RECEIPTS = 8.00;
    static final double MAX_API_GATEWAY_MESSAGES = 3;
    static final double MAX_SEQUENTIAL_ROUND_TRIPS = 3;
    /** Units per message may differ by rounding noise between populations, not more. */
    private static final double GROWTH_TOLERANCE = 0.01;

    enum Status { PASS, FAIL, SKIPPED }

    record Check(String target, String workload, String measured, Status status) {
    }

    private static final String ROUND_TRIPS = "at most 3 sequential AWS round trips before the first delivery";

    private Targets() {
    }

    static List<Check> check(List<WorkloadResult> results, long duplicateDeliveries) {
        List<Check> checks = new ArrayList<>();
        for (WorkloadResult result : results) {
            checks.add(new Check("every send stored, and delivered once to every other member's device", result.name(),
                    "%d/%d sends stored, %d/%d deliveries, %d duplicates%s".formatted(result.messages(),
                            result.messages() + result.failedSends(), result.deliveries(), result.expectedDeliveries(),
                            duplicateDeliveries, result.firstFailure() == null ? "" : "; first failure: " + result.firstFailure()),
                    status(result.complete() && duplicateDeliveries == 0)));
        }
        List<WorkloadResult> oneToOne = results.stream().filter(r -> !r.name().equals("W3")).toList();
        for (WorkloadResult result : oneToOne) {
            checks.add(measured("a one-to-one send is 1 Lambda invocation", result.name(),
                    result.lambdaInvocationsPerMessage(), v -> Math.abs(v - 1) < 1e-9, v -> format(v) + " per message"));
            checks.add(measured("a one-to-one send is at most 3 API Gateway messages (in, delivery, reply)", result.name(),
                    result.apiGatewayMessagesPerMessage(), v -> v <= MAX_API_GATEWAY_MESSAGES, v -> format(v) + " per message"));
            checks.add(measured("a one-to-one send costs at most $7.85 per million messages ($4.60 + per member a cursor"
                    + " write and a push-summary read + the 24-hour idempotency transaction's 3 extra write units)", result.name(),
                    result.dollarsPerMillion(), v -> v <= MAX_DOLLARS_PER_MILLION, v -> "$" + format(v)));
        }
        checks.add(growth(find(results, "W1"), find(results, "W2")));
        for (WorkloadResult result : results) {
            checks.add(conversation(result));
        }
        for (WorkloadResult result : oneToOne) {
            ConversationResult receipts = result.withReceipts();
            checks.add(measured("a one-to-one message with its receipts, as the shipped clients send them, costs at most"
                            + " $8.00 per million", result.name(), receipts == null ? Double.NaN : receipts.dollarsPerMillion(),
                    v -> v <= MAX_DOLLARS_PER_MILLION_WITH_RECEIPTS, v -> "$%s (%s markRead per message, turns of %d)".formatted(
                            format(v), format(receipts.receiptRequestsPerMessage()), receipts.burst())));
        }
        checks.add(receiptsFlat(find(results, "W1"), find(results, "W2")));
        results.forEach(result -> checks.add(roundTrips(result)));
        return checks;
    }

    private static Check growth(Optional<WorkloadResult> small, Optional<WorkloadResult> large) {
        if (small.isEmpty() || large.isEmpty()) {
            return noData("DynamoDB units per message do not grow with the number of users", "W1, W2",
                    "W1 and W2 both need results");
        }
        return unitsFlat("DynamoDB units per message do not grow from %d to %d users".formatted(small.get().users(),
                large.get().users()), small.get(), large.get(), "not one send stored in W1 or W2");
    }

    private static Check unitsFlat(String target, PerMessage s, PerMessage l, String noDataReason) {
        double[] figures = {s.writeUnitsPerMessage(), l.writeUnitsPerMessage(), s.readUnitsPerMessage(), l.readUnitsPerMessage()};
        if (DoubleStream.of(figures).anyMatch(v -> !Double.isFinite(v))) {
            return noData(target, "W1, W2", noDataReason);
        }
        return new Check(target, "W1, W2", "write %s -> %s, read %s -> %s".formatted(format(figures[0]), format(figures[1]),
                format(figures[2]), format(figures[3])),
                status(notGrown(figures[0], figures[1]) && notGrown(figures[2], figures[3])));
    }

    private static Check conversation(WorkloadResult result) {
        String target = "the conversation run: every send stored and delivered, every turn read, each read receipt at its"
                + " sender";
        ConversationResult receipts = result.withReceipts();
        if (receipts == null) {
            return noData(target, result.name(), "no conversation run");
        }
        ConversationResult typing = result.withTyping();
        boolean complete = receipts.complete() && (typing == null || typing.complete());
        return new Check(target, result.name(), receipts.problems() + (typing == null ? "" : "; with typing: " + typing.problems()),
                status(complete));
    }

    /** The receipts' units per message must not grow with the population either. */
    private static Check receiptsFlat(Optional<WorkloadResult> small, Optional<WorkloadResult> large) {
        String target = "a message with its receipts: DynamoDB units per message do not grow with the number of users";
        ConversationResult s = small.map(WorkloadResult::withReceipts).orElse(null);
        ConversationResult l = large.map(WorkloadResult::withReceipts).orElse(null);
        if (s == null || l == null) {
            return noData(target, "W1, W2", "W1 and W2 both need conversation runs");
        }
        return unitsFlat(target, s, l, "not one send stored in a conversation run");
    }

    private static Check roundTrips(WorkloadResult result) {
        Latency latency = result.latency();
        if (latency == null) {
            return new Check(ROUND_TRIPS, result.name(), "not measured: run with --aws-delay-ms 50", Status.SKIPPED);
        }
        if (latency.failures() > 0) {
            return new Check(ROUND_TRIPS, result.name(), "%d sends of the latency run failed or were not delivered; first: %s"
                    .formatted(latency.failures(), String.join("; ", latency.firstFailures())), Status.FAIL);
        }
        RoundTripCounts counts = latency.roundTrips();
        if (counts.counts().isEmpty()) {
            return noData(ROUND_TRIPS, result.name(), "no send of the latency run had its calls counted"
                    + (counts.firstUncounted() == null ? "" : "; first: " + counts.firstUncounted()));
        }
        return measured(ROUND_TRIPS, result.name(), counts.median(), v -> v <= MAX_SEQUENTIAL_ROUND_TRIPS,
                v -> "%s counted, median of %d sends (%s; max %d%s); timed: %s".formatted(format(v), counts.counts().size(),
                        counts.histogram(), counts.max(), counts.uncounted() == 0 ? ""
                                : "; %d sends not counted: %s".formatted(counts.uncounted(), counts.firstUncounted()),
                        format(latency.timedRoundTrips())));
    }

    /**
     * W4: a sync's AWS calls follow the conversations that changed, not how many the user has (the
     * user with 4x the changed count and the one with hundreds make the same calls), and a sync with
     * nothing changed makes fewer. W5: exactly one push per message to the offline registered device.
     */
    static List<Check> checkOperations(List<OperationResult> operations, int pushBurst) {
        List<Check> checks = new ArrayList<>();
        String syncTarget = "a sync's AWS calls follow the conversations that changed, not the user's total";
        List<OperationResult> changed = operations.stream()
                .filter(o -> o.name().startsWith("W4 ") && !o.name().startsWith("W4 0 ") && !o.name().equals("W4 new device")).toList();
        Optional<OperationResult> unchanged = operations.stream().filter(o -> o.name().startsWith("W4 0 ")).findFirst();
        if (changed.size() == 2 && unchanged.isPresent() && Stream.concat(changed.stream(), unchanged.stream())
                .allMatch(o -> o.requests() > 0)) {
            OperationResult many = changed.get(0);
            OperationResult few = changed.get(1);
            checks.add(new Check(syncTarget, "W4",
                    "%s: %s calls, %s: %s calls, %s: %s calls".formatted(many.name(), format(many.awsCallsPerRequest()),
                            few.name(), format(few.awsCallsPerRequest()), unchanged.get().name(),
                            format(unchanged.get().awsCallsPerRequest())),
                    status(many.awsCallsPerRequest() == few.awsCallsPerRequest()
                            && unchanged.get().awsCallsPerRequest() < many.awsCallsPerRequest())));
        } else {
            checks.add(noData(syncTarget, "W4", "needs two syncs with changes and one without, each with requests"));
        }
        String pushTarget = "an offline registered device gets exactly one push per message";
        List<OperationResult> bursts = operations.stream().filter(o -> o.figures().containsKey("pushesReceived")).toList();
        if (bursts.isEmpty()) {
            checks.add(noData(pushTarget, "W5", "no push burst was measured"));
        }
        bursts.forEach(o -> checks.add(new Check(pushTarget, "W5",
                "%.0f pushes for %d messages".formatted(o.figures().get("pushesReceived"), pushBurst),
                status(o.figures().get("pushesReceived") == pushBurst))));
        return checks;
    }

    /** The measured value itself against the target: a value that is not a number means nothing was measured. */
    private static Check measured(String target, String workload, double value, DoublePredicate passes,
                                  DoubleFunction<String> described) {
        if (!Double.isFinite(value)) {
            return noData(target, workload, "not one send stored");
        }
        return new Check(target, workload, described.apply(value), status(passes.test(value)));
    }

    private static Check noData(String target, String workload, String why) {
        return new Check(target, workload, "no data: " + why, Status.FAIL);
    }

    private static boolean notGrown(double before, double after) {
        return after <= before * (1 + GROWTH_TOLERANCE) + 1e-9;
    }

    private static Optional<WorkloadResult> find(List<WorkloadResult> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private static Status status(boolean passed) {
        return passed ? Status.PASS : Status.FAIL;
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
