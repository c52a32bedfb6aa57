package dev.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** The benchmark's results as a table for people and as JSON for tools. */
final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String ROW = "%-44s";
    private static final String CELL = "%14s";

    private final BenchOptions options;
    private final List<WorkloadResult> results;
    private final Verdict verdict;
    private final List<OperationResult> operations;

    Report(BenchOptions options, List<WorkloadResult> results, List<OperationResult> operations, Verdict verdict) {
        this.options = options;
        this.results = results;
        this.operations = operations;
        this.verdict = verdict;
    }

    String table() {
        StringBuilder out = new StringBuilder("\nParley send path: cost per message at us-east-1 list prices (PriceTable)\n\n");
        results.forEach(r -> out.append("  %s  %s%n".formatted(r.name(), r.description())));
        out.append('\n');
        row(out, "", r -> r.name());
        row(out, "messages measured", r -> Integer.toString(r.messages()));
        row(out, "sends per second", r -> number(r.messages() / r.elapsedSeconds(), 1));
        row(out, "Lambda invocations / message", r -> number(r.lambdaInvocationsPerMessage(), 3));
        for (String function : operations(r -> r.cost().invocations().keySet())) {
            row(out, "  " + PriceTable.shortName(function), r -> number(r.invocationsPerMessage().getOrDefault(function, 0.0), 3));
        }
        row(out, "API Gateway messages / message (in+out)", r -> number(r.apiGatewayMessagesPerMessage(), 3));
        row(out, "  in / out", r -> number(r.perMessage(r.cost().apiGatewayIn()), 2) + " / "
                + number(r.perMessage(r.cost().apiGatewayOut()), 2));
        row(out, "DynamoDB write units / message", r -> number(r.writeUnitsPerMessage(), 3));
        row(out, "DynamoDB read units / message", r -> number(r.readUnitsPerMessage(), 3));
        out.append("AWS calls / message\n");
        for (String operation : operations(r -> r.cost().awsCalls().keySet())) {
            row(out, "  " + operation, r -> number(r.awsCallsPerMessage().getOrDefault(operation, 0.0), 3));
        }
        out.append("DynamoDB units / message (write / read)\n");
        for (String operation : operations(r -> r.cost().dynamoDb().keySet())) {
            row(out, "  " + operation, r -> {
                RequestUnits.Units units = r.cost().dynamoDb().getOrDefault(operation, RequestUnits.Units.NONE);
                return number(r.perMessage(units.write()), 2) + " / " + number(r.perMessage(units.read()), 2);
            });
        }
        row(out, "$ per million messages, sent alone", r -> "$" + number(r.dollarsPerMillion(), 3));
        conversationRows(out, "with receipts", WorkloadResult::withReceipts);
        conversationRows(out, "with receipts and typing", WorkloadResult::withTyping);
        if (results.stream().anyMatch(r -> r.latency() != null)) {
            long delay = options.awsDelay().toMillis();
            out.append("Send to first delivery, one send at a time (ms)\n");
            row(out, "  p50 / p99 without delay", r -> r.latency() == null ? "-"
                    : number(r.latency().baselineP50(), 1) + " / " + number(r.latency().baselineP99(), 1));
            row(out, "  p50 / p99 with %d ms per AWS call".formatted(delay), r -> r.latency() == null ? "-"
                    : number(r.latency().delayedP50(), 1) + " / " + number(r.latency().delayedP99(), 1));
            row(out, "  p50 / %d ms".formatted(delay), r -> r.latency() == null ? "-" : number(r.latency().p50OverDelay(), 2));
            row(out, "  round trips counted: median (max)", r -> r.latency() == null ? "-"
                    : number(r.latency().roundTrips().median(), 0) + " (" + r.latency().roundTrips().max() + ")");
            row(out, "  round trips timed: (p50 - p50 no delay) / N", r -> r.latency() == null ? "-"
                    : number(r.latency().timedRoundTrips(), 2));
            row(out, "  failed or undelivered sends", r -> r.latency() == null ? "-"
                    : Integer.toString(r.latency().failures()));
        }
        out.append("\nWhere each dollar figure comes from (per message: units x price per unit; x 1,000,000)\n");
        for (WorkloadResult r : results) {
            breakdown(out, r.name() + ", sent alone", r);
            if (r.withReceipts() != null) {
                breakdown(out, r.name() + ", with receipts", r.withReceipts());
            }
            if (r.withTyping() != null) {
                breakdown(out, r.name() + ", with receipts and typing", r.withTyping());
            }
        }
        out.append(OperationsReport.table(operations));
        out.append("\nTargets\n");
        for (Targets.Check check : verdict.checks()) {
            out.append("  %-7s  %-7s %s: %s%n".formatted(check.status(), check.workload(), check.target(), check.measured()));
        }
        out.append("\n").append(verdict.summary())
                .append(" JSON: ").append(options.output()).append('\n');
        return out.toString();
    }

    private void conversationRows(StringBuilder out, String label, Function<WorkloadResult, ConversationResult> run) {
        if (results.stream().allMatch(r -> run.apply(r) == null)) {
            return;
        }
        ConversationResult any = results.stream().map(run).filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        out.append("A conversation %s (turns of %d messages, readers' clients %s)%n".formatted(label, any.burst(),
                any.policy().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        row(out, "  messages measured", r -> run.apply(r) == null ? "-" : Integer.toString(run.apply(r).messages()));
        row(out, "  markRead / markDelivered per message", r -> run.apply(r) == null ? "-"
                : number(run.apply(r).receiptRequestsPerMessage(), 3));
        row(out, "  typing requests per message", r -> run.apply(r) == null ? "-"
                : number(run.apply(r).typingRequestsPerMessage(), 3));
        row(out, "  Lambda invocations / message", r -> run.apply(r) == null ? "-"
                : number(run.apply(r).lambdaInvocationsPerMessage(), 3));
        row(out, "  API Gateway messages / message", r -> run.apply(r) == null ? "-"
                : number(run.apply(r).apiGatewayMessagesPerMessage(), 3));
        row(out, "  DynamoDB write / read units / message", r -> run.apply(r) == null ? "-"
                : number(run.apply(r).writeUnitsPerMessage(), 2) + " / " + number(run.apply(r).readUnitsPerMessage(), 2));
        row(out, "  $ per million messages, " + label, r -> run.apply(r) == null ? "-"
                : "$" + number(run.apply(r).dollarsPerMillion(), 3));
    }

    private static void breakdown(StringBuilder out, String label, PerMessage run) {
        out.append("  %s  $%s per million messages%n".formatted(label, number(run.dollarsPerMillion(), 3)));
        for (PriceTable.CostLine line : run.costLines()) {
            out.append("      %-40s %9s %-15s x $%-14s = $%s%n".formatted(line.item(), number(line.unitsPerMessage(), 4),
                    line.unit(), String.format(Locale.ROOT, "%.10f", line.pricePerUnit()), number(line.dollarsPerMillion(), 3)));
        }
    }

    private static ObjectNode conversationJson(ConversationResult run) {
        ObjectNode json = JSON.createObjectNode();
        json.put("policy", run.policy().name()).put("typing", run.typing()).put("burst", run.burst())
                .put("messages", run.messages()).put("turns", run.outcome().turns())
                .put("failedSends", run.outcome().failures()).put("turnsUnread", run.outcome().turnsUnread())
                .put("readReceiptsMissedAtSender", run.outcome().receiptsMissed())
                .put("receiptRequests", run.outcome().receiptRequests()).put("receiptFailures", run.outcome().receiptFailures())
                .put("typingRequests", run.outcome().typingRequests()).put("typingFailures", run.outcome().typingFailures())
                .put("expectedDeliveries", run.expectedDeliveries()).put("deliveries", run.deliveries());
        json.set("awsCalls", JSON.valueToTree(run.cost().awsCalls()));
        json.set("lambdaInvocationsByFunction", JSON.valueToTree(run.cost().invocations()));
        json.putObject("apiGatewayMessages").put("in", run.cost().apiGatewayIn()).put("out", run.cost().apiGatewayOut())
                .put("perMessage", run.apiGatewayMessagesPerMessage());
        json.putObject("dynamoDb").put("writeUnits", run.cost().writeUnits()).put("readUnits", run.cost().readUnits());
        json.put("dollarsPerMillionMessages", run.dollarsPerMillion());
        return json;
    }

    void writeJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("generatedAt", Instant.now().toString());
        root.set("options", JSON.valueToTree(options.toJson()));
        ObjectNode prices = root.putObject("prices");
        prices.put("apiGatewayMessage", PriceTable.API_GATEWAY_MESSAGE);
        prices.put("lambdaRequest", PriceTable.LAMBDA_REQUEST);
        prices.put("lambdaArm64GbSecond", PriceTable.LAMBDA_ARM64_GB_SECOND);
        prices.put("lambdaMemoryMbDefault", PriceTable.LAMBDA_MEMORY_MB);
        prices.put("sqsRequest", PriceTable.SQS_REQUEST);
        prices.put("snsMobilePush", PriceTable.SNS_MOBILE_PUSH);
        prices.put("lambdaBilledSeconds", PriceTable.LAMBDA_BILLED_SECONDS);
        prices.put("dynamoDbWriteUnit", PriceTable.DYNAMODB_WRITE_UNIT);
        prices.put("dynamoDbReadUnit", PriceTable.DYNAMODB_READ_UNIT);
        var workloads = root.putArray("workloads");
        for (WorkloadResult r : results) {
            ObjectNode w = workloads.addObject();
            w.put("name", r.name()).put("description", r.description()).put("users", r.users())
                    .put("messages", r.messages()).put("failedSends", r.failedSends())
                    .put("elapsedSeconds", r.elapsedSeconds())
                    .put("expectedDeliveries", r.expectedDeliveries()).put("deliveries", r.deliveries());
            w.set("awsCalls", JSON.valueToTree(r.cost().awsCalls()));
            w.set("awsCallsPerMessage", JSON.valueToTree(r.awsCallsPerMessage()));
            w.putObject("apiGatewayMessages").put("in", r.cost().apiGatewayIn()).put("out", r.cost().apiGatewayOut())
                    .put("perMessage", r.apiGatewayMessagesPerMessage());
            w.putObject("lambdaInvocations").put("total", r.cost().totalInvocations())
                    .put("perMessage", r.lambdaInvocationsPerMessage())
                    .set("byFunction", JSON.valueToTree(r.cost().invocations()));
            w.put("sqsRequests", r.cost().sqsRequests()).put("snsPublishes", r.cost().snsPublishes());
            ObjectNode dynamoDb = w.putObject("dynamoDb");
            dynamoDb.put("writeUnits", r.cost().writeUnits()).put("readUnits", r.cost().readUnits())
                    .put("writeUnitsPerMessage", r.writeUnitsPerMessage()).put("readUnitsPerMessage", r.readUnitsPerMessage());
            dynamoDb.set("byOperation", JSON.valueToTree(r.cost().dynamoDb()));
            ObjectNode cost = w.putObject("cost");
            cost.put("dollarsPerMillionMessages", r.dollarsPerMillion());
            var lines = cost.putArray("breakdown");
            r.costLines().forEach(line -> lines.addObject().put("item", line.item()).put("unit", line.unit())
                    .put("unitsPerMessage", line.unitsPerMessage()).put("pricePerUnit", line.pricePerUnit())
                    .put("dollarsPerMillionMessages", line.dollarsPerMillion()));
            if (r.withReceipts() != null) {
                w.set("withReceipts", conversationJson(r.withReceipts()));
            }
            if (r.withTyping() != null) {
                w.set("withReceiptsAndTyping", conversationJson(r.withTyping()));
            }
            if (r.latency() != null) {
                Latency l = r.latency();
                w.putObject("latencyMillis").put("awsDelay", l.delayMillis()).put("samples", l.samples())
                        .put("p50WithoutDelay", l.baselineP50()).put("p99WithoutDelay", l.baselineP99())
                        .put("p50", l.delayedP50()).put("p99", l.delayedP99())
                        .put("p50OverDelay", l.p50OverDelay()).put("timedRoundTrips", l.timedRoundTrips())
                        .put("sequentialRoundTrips", l.roundTrips().median()).put("maxSequentialRoundTrips", l.roundTrips().max())
                        .put("roundTripsCounted", l.roundTrips().counts().size()).put("roundTripsUncounted", l.roundTrips().uncounted())
                        .put("failures", l.failures()).set("firstFailures", JSON.valueToTree(l.firstFailures()));
            }
        }
        root.set("operations", OperationsReport.json(operations));
        var targets = root.putArray("targets");
        verdict.checks().forEach(check -> targets.addObject().put("target", check.target()).put("workload", check.workload())
                .put("measured", check.measured()).put("status", check.status().name()));
        root.put("allTargetsMet", verdict.allMet()).put("targetsFailed", verdict.failed())
                .put("targetsSkipped", verdict.skipped()).put("exitCode", verdict.exitCode());
        try {
            Files.createDirectories(options.output().toAbsolutePath().getParent());
            JSON.writeValue(options.output().toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + options.output(), e);
        }
    }

    private void row(StringBuilder out, String label, Function<WorkloadResult, String> cell) {
        out.append(ROW.formatted(label));
        results.forEach(r -> out.append(CELL.formatted(cell.apply(r))));
        out.append('\n');
    }

    private Set<String> operations(Function<WorkloadResult, Set<String>> of) {
        Set<String> all = new TreeSet<>();
        results.forEach(r -> all.addAll(of.apply(r)));
        return all;
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
