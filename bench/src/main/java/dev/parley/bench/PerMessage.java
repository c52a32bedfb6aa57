package dev.parley.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run of stored messages used, per message. Lambda invocations are counted where they happen
 * (the local cloud's invoker, per function: routes, the authorizer, $connect, the SQS workers).
 */
interface PerMessage {

    /** Stored messages the cost is divided by. */
    int messages();

    /** The meters' difference around the run. */
    MeterReading cost();

    default double perMessage(double total) {
        return messages() == 0 ? Double.NaN : total / messages();
    }

    default double apiGatewayMessagesPerMessage() {
        return perMessage(cost().apiGatewayIn() + cost().apiGatewayOut());
    }

    default double lambdaInvocationsPerMessage() {
        return perMessage(cost().totalInvocations());
    }

    default Map<String, Double> invocationsPerMessage() {
        return perMessage(cost().invocations());
    }

    default double writeUnitsPerMessage() {
        return perMessage(cost().writeUnits());
    }

    default double readUnitsPerMessage() {
        return perMessage(cost().readUnits());
    }

    default Map<String, Double> awsCallsPerMessage() {
        return perMessage(cost().awsCalls());
    }

    /** Each count divided by the messages, by key. */
    private Map<String, Double> perMessage(Map<String, Long> counts) {
        Map<String, Double> perMessage = new TreeMap<>();
        counts.forEach((key, count) -> perMessage.put(key, perMessage(count)));
        return perMessage;
    }

    default List<PriceTable.CostLine> costLines() {
        return PriceTable.costOf(apiGatewayMessagesPerMessage(), invocationsPerMessage(), writeUnitsPerMessage(),
                readUnitsPerMessage(), perMessage(cost().sqsRequests()), perMessage(cost().snsPublishes()));
    }

    default double dollarsPerMillion() {
        return PriceTable.dollarsPerMillion(costLines());
    }
}
