package dev.parley.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One workload's measured sends and what they used. Lambda invocations are the messages API Gateway
 * received and routed: each invokes exactly one function (all are under 32 KB, one billed unit).
 *
 * @param cost        the meters' difference around the measured sends (setup and latency runs excluded)
 * @param latency     null unless the run injected an AWS delay
 */
record WorkloadResult(String name, String description, int users, int messages, int failedSends, String firstFailure,
                      double elapsedSeconds, long expectedDeliveries, long deliveries, MeterReading cost,
                      Latency latency) {

    double perMessage(double total) {
        return messages == 0 ? Double.NaN : total / messages;
    }

    double apiGatewayMessagesPerMessage() {
        return perMessage(cost.apiGatewayIn() + cost.apiGatewayOut());
    }

    double lambdaInvocationsPerMessage() {
        return perMessage(cost.apiGatewayIn());
    }

    double writeUnitsPerMessage() {
        return perMessage(cost.writeUnits());
    }

    double readUnitsPerMessage() {
        return perMessage(cost.readUnits());
    }

    Map<String, Double> awsCallsPerMessage() {
        Map<String, Double> perMessage = new TreeMap<>();
        cost.awsCalls().forEach((operation, count) -> perMessage.put(operation, perMessage(count)));
        return perMessage;
    }

    List<PriceTable.CostLine> costLines() {
        return PriceTable.costOf(apiGatewayMessagesPerMessage(), lambdaInvocationsPerMessage(), writeUnitsPerMessage(),
                readUnitsPerMessage());
    }

    double dollarsPerMillion() {
        return PriceTable.dollarsPerMillion(costLines());
    }

    /** Every send stored and each delivered once to every other member's device. */
    boolean complete() {
        return failedSends == 0 && messages > 0 && deliveries == expectedDeliveries;
    }
}
