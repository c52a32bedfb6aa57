package dev.parley.bench;

import java.util.List;
import java.util.Map;

/**
 * What one kind of request (a sync, a burst of sends) used, per request: the meters' difference
 * around {@code requests} requests, plus figures the workload measured itself.
 *
 * @param figures named measurements (latencies in ms, counts), in print order
 */
record OperationResult(String name, String description, int requests, MeterReading cost, Map<String, Double> figures) {

    double per(double total) {
        return requests == 0 ? Double.NaN : total / requests;
    }

    double awsCallsPerRequest() {
        return per(cost.totalAwsCalls());
    }

    List<PriceTable.CostLine> costLines() {
        return PriceTable.costOf(per(cost.apiGatewayIn() + cost.apiGatewayOut()), per(cost.apiGatewayIn()),
                per(cost.writeUnits()), per(cost.readUnits()));
    }

    /** Dollars per million requests; SQS and SNS requests are priced separately by the report. */
    double dollarsPerMillion() {
        return PriceTable.dollarsPerMillion(costLines());
    }
}
