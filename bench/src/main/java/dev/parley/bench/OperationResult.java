package dev.parley.bench;

import java.util.Map;

/**
 * What one kind of request (a sync, a burst of sends) used, per request: the meters' difference
 * around {@code requests} requests, plus figures the workload measured itself.
 *
 * @param figures named measurements (latencies in ms, counts), in print order
 */
record OperationResult(String name, String description, int requests, MeterReading cost, Map<String, Double> figures)
        implements PerMessage {

    /** Requests, which the per-message figures divide by. */
    @Override
    public int messages() {
        return requests;
    }

    double per(double total) {
        return perMessage(total);
    }

    double awsCallsPerRequest() {
        return per(cost.totalAwsCalls());
    }

}
