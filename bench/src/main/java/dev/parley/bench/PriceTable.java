package dev.parley.bench;

import java.util.List;

/**
 * The one price table of the cost model: AWS list prices in us-east-1 (shared/design/aws-facts.md).
 * Change a price here and every figure the benchmark prints follows.
 *
 * <p>Lambda's memory and duration per invocation are fixed at 1,024 MB and 40 ms on arm64. They may
 * change only when replaced by numbers measured on AWS: the local cloud runs handlers in-process,
 * so it cannot measure Lambda's billed duration.
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

    private static final double MILLION = 1_000_000;

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

    /** GB-seconds one invocation is billed for. */
    public static double gbSecondsPerInvocation() {
        return LAMBDA_MEMORY_MB / 1024.0 * LAMBDA_BILLED_SECONDS;
    }

    /** The cost of one message, line by line, from what it used. */
    public static List<CostLine> costOf(double apiGatewayMessages, double lambdaInvocations, double writeUnits,
                                        double readUnits) {
        return List.of(
                new CostLine("API Gateway messages", "32 KB message", apiGatewayMessages, API_GATEWAY_MESSAGE),
                new CostLine("Lambda requests", "invocation", lambdaInvocations, LAMBDA_REQUEST),
                new CostLine("Lambda duration (arm64, " + LAMBDA_MEMORY_MB + " MB x " + Math.round(LAMBDA_BILLED_SECONDS * 1000)
                        + " ms)", "GB-second", lambdaInvocations * gbSecondsPerInvocation(), LAMBDA_ARM64_GB_SECOND),
                new CostLine("DynamoDB writes", "write unit", writeUnits, DYNAMODB_WRITE_UNIT),
                new CostLine("DynamoDB reads", "read unit", readUnits, DYNAMODB_READ_UNIT));
    }

    public static double dollarsPerMillion(List<CostLine> lines) {
        return lines.stream().mapToDouble(CostLine::dollarsPerMillion).sum();
    }
}
