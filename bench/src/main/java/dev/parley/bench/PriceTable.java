package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one price table of the cost model: AWS list prices in us-east-1 (shared/design/aws-facts.md).
 * Change a price here and every figure the benchmark prints follows.
 *
 * <p>Each function's memory is its own, as the CDK app sets it ({@link #useFunctionMemory}, read from
 * the synthesized template); a function the template does not name is priced at
 * {@link #LAMBDA_MEMORY_MB}. The billed duration is modelled, not measured: 40 ms per invocation on
 * arm64 for every function, until replaced by numbers measured on AWS (the local cloud runs handlers
 * in-process, so it cannot measure Lambda's billed duration).
 */
public final class PriceTable {
    /** API Gateway WebSocket messages, in and out, each started 32 KB counting as one. */
    public static final double API_GATEWAY_MESSAGE = 1.00 / 1_000_000;
    public static final double LAMBDA_REQUEST = 0.20 / 1_000_000;
    public static final double LAMBDA_ARM64_GB_SECOND = 0.0000133334;
    public static final int LAMBDA_MEMORY_MB = 1024;
    public static final double LAMBDA_BILLED_SECONDS = 0.040;
    public static final double DYNAMODB_WRITE_UNIT = 0.625 / 1_000_000;
    public static final double DYNAMODB_READ_UNIT = 0.125 / 1_000_000;
    /** SQS standard queue requests (each up to 64 KB). */
    public static final double SQS_REQUEST = 0.40 / 1_000_000;
    /** SNS mobile push: the publish and its delivery to the platform. */
    public static final double SNS_MOBILE_PUSH = (0.50 + 0.50) / 1_000_000;

    private static final double MILLION = 1_000_000;
    private static final Map<String, Integer> FUNCTION_MEMORY_MB = new ConcurrentHashMap<>();

    /**
     * One line of a cost breakdown: how many units one message uses, at what price per unit, and
     * so how many dollars a million messages cost.
     */
    public record CostLine(String item, String unit, double unitsPerMessage, double pricePerUnit) {
        public double dollarsPerMillion() {
            return unitsPerMessage * pricePerUnit * MILLION;
        }
    }

    private PriceTable() {
    }

    /** Each function's MemorySize by logical id, as the CDK app sets it. */
    public static void useFunctionMemory(Map<String, Integer> memoryMbByFunction) {
        FUNCTION_MEMORY_MB.clear();
        FUNCTION_MEMORY_MB.putAll(memoryMbByFunction);
    }

    public static int memoryMb(String function) {
        return FUNCTION_MEMORY_MB.getOrDefault(function, LAMBDA_MEMORY_MB);
    }

    /** GB-seconds one invocation of the function is billed for. */
    public static double gbSecondsPerInvocation(String function) {
        return memoryMb(function) / 1024.0 * LAMBDA_BILLED_SECONDS;
    }

    /**
     * The cost of one message, line by line, from what it used per message: invocations by function,
     * each at its own memory.
     */
    public static List<CostLine> costOf(double apiGatewayMessages, Map<String, Double> invocationsByFunction,
                                        double writeUnits, double readUnits, double sqsRequests, double snsPublishes) {
        List<CostLine> lines = new ArrayList<>();
        lines.add(new CostLine("API Gateway messages", "32 KB message", apiGatewayMessages, API_GATEWAY_MESSAGE));
        lines.add(new CostLine("Lambda requests", "invocation",
                invocationsByFunction.values().stream().mapToDouble(Double::doubleValue).sum(), LAMBDA_REQUEST));
        invocationsByFunction.forEach((function, invocations) -> lines.add(new CostLine(
                "  %s (%d MB x %d ms)".formatted(shortName(function), memoryMb(function), Math.round(LAMBDA_BILLED_SECONDS * 1000)),
                "GB-second", invocations * gbSecondsPerInvocation(function), LAMBDA_ARM64_GB_SECOND)));
        lines.add(new CostLine("DynamoDB writes", "write unit", writeUnits, DYNAMODB_WRITE_UNIT));
        lines.add(new CostLine("DynamoDB reads", "read unit", readUnits, DYNAMODB_READ_UNIT));
        lines.add(new CostLine("SQS requests", "request", sqsRequests, SQS_REQUEST));
        lines.add(new CostLine("SNS mobile pushes", "publish", snsPublishes, SNS_MOBILE_PUSH));
        return lines;
    }

    public static double dollarsPerMillion(List<CostLine> lines) {
        return lines.stream().mapToDouble(CostLine::dollarsPerMillion).sum();
    }

    /** The logical id without CDK's hash suffix. */
    static String shortName(String logicalId) {
        return logicalId.replaceFirst("[0-9A-F]{8}$", "");
    }
}
