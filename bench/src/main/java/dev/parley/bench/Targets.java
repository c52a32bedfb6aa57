package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The targets for the send path, checked against the workloads' figures. */
final class Targets {
    /**
     * Issue #3's $4.60 for a one-to-one send, plus what sync and push added per member, both needed
     * so that a sync costs what changed and a push goes only where one is due: the member row's
     * cursor write (1 write unit, $0.625 per million) and the read of the member's push summary in the
     * same BatchGetItem as its connections (0.5 read unit, $0.0625 per million). Two members: $5.975.
     */
    static final double MAX_DOLLARS_PER_MILLION = 4.60 + 2 * (0.625 + 0.0625);
    static final double MAX_API_GATEWAY_MESSAGES = 3;
    static final double MAX_SEQUENTIAL_ROUND_TRIPS = 3;
    /** Units per message may differ by rounding noise between populations, not more. */
    private static final double GROWTH_TOLERANCE = 0.01;

    enum Status { PASS, FAIL, SKIP }

    record Check(String target, String workload, String measured, Status status) {
    }

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
            checks.add(new Check("a one-to-one send is 1 Lambda invocation", result.name(),
                    format(result.lambdaInvocationsPerMessage()) + " per message",
                    status(Math.abs(result.lambdaInvocationsPerMessage() - 1) < 1e-9)));
            checks.add(new Check("a one-to-one send is at most 3 API Gateway messages (in, delivery, reply)", result.name(),
                    format(result.apiGatewayMessagesPerMessage()) + " per message",
                    status(result.apiGatewayMessagesPerMessage() <= MAX_API_GATEWAY_MESSAGES)));
            checks.add(new Check("a one-to-one send costs at most $5.975 per million messages ($4.60 + per member a cursor"
                    + " write and a push-summary read)", result.name(),
                    "$" + format(result.dollarsPerMillion()), status(result.dollarsPerMillion() <= MAX_DOLLARS_PER_MILLION)));
        }
        Optional<WorkloadResult> small = find(results, "W1");
        Optional<WorkloadResult> large = find(results, "W2");
        if (small.isPresent() && large.isPresent()) {
            WorkloadResult s = small.get();
            WorkloadResult l = large.get();
            checks.add(new Check("DynamoDB units per message do not grow from %d to %d users".formatted(s.users(), l.users()),
                    "W1, W2", "write %s -> %s, read %s -> %s".formatted(format(s.writeUnitsPerMessage()),
                            format(l.writeUnitsPerMessage()), format(s.readUnitsPerMessage()), format(l.readUnitsPerMessage())),
                    status(notGrown(s.writeUnitsPerMessage(), l.writeUnitsPerMessage())
                            && notGrown(s.readUnitsPerMessage(), l.readUnitsPerMessage()))));
        }
        for (WorkloadResult result : results) {
            Latency latency = result.latency();
            checks.add(latency == null
                    ? new Check("at most 3 sequential AWS round trips before the first delivery", result.name(),
                            "not measured: run with --aws-delay-ms 50", Status.SKIP)
                    : new Check("at most 3 sequential AWS round trips before the first delivery", result.name(),
                            "%s (p50 %s ms with %d ms per call, %s ms without; p50/N = %s)".formatted(
                                    format(latency.sequentialRoundTrips()), format(latency.delayedP50()),
                                    latency.delayMillis(), format(latency.baselineP50()), format(latency.p50OverDelay())),
                            status(Math.round(latency.sequentialRoundTrips()) <= MAX_SEQUENTIAL_ROUND_TRIPS)));
        }
        return checks;
    }

    /**
     * W4: a sync's AWS calls follow the conversations that changed, not how many the user has (the
     * user with 4x the changed count and the one with hundreds make the same calls), and a sync with
     * nothing changed makes fewer. W5: exactly one push per message to the offline registered device.
     */
    static List<Check> checkOperations(List<OperationResult> operations, int pushBurst) {
        List<Check> checks = new ArrayList<>();
        List<OperationResult> changed = operations.stream()
                .filter(o -> o.name().startsWith("W4 ") && !o.name().startsWith("W4 0 ") && !o.name().equals("W4 new device")).toList();
        Optional<OperationResult> unchanged = operations.stream().filter(o -> o.name().startsWith("W4 0 ")).findFirst();
        if (changed.size() == 2 && unchanged.isPresent()) {
            OperationResult many = changed.get(0);
            OperationResult few = changed.get(1);
            checks.add(new Check("a sync's AWS calls follow the conversations that changed, not the user's total", "W4",
                    "%s: %s calls, %s: %s calls, %s: %s calls".formatted(many.name(), format(many.awsCallsPerRequest()),
                            few.name(), format(few.awsCallsPerRequest()), unchanged.get().name(),
                            format(unchanged.get().awsCallsPerRequest())),
                    status(many.awsCallsPerRequest() == few.awsCallsPerRequest()
                            && unchanged.get().awsCallsPerRequest() < many.awsCallsPerRequest())));
        }
        operations.stream().filter(o -> o.figures().containsKey("pushesReceived")).forEach(o -> checks.add(new Check(
                "an offline registered device gets exactly one push per message", "W5",
                "%.0f pushes for %d messages".formatted(o.figures().get("pushesReceived"), pushBurst),
                status(o.figures().get("pushesReceived") == pushBurst))));
        return checks;
    }

    static boolean allPassed(List<Check> checks) {
        return checks.stream().noneMatch(check -> check.status() == Status.FAIL);
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
