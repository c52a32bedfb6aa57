package dev.parley.bench;

import java.util.List;

/**
 * Send to first delivery, measured on sends made one at a time, alternately with no injected delay
 * (the emulators' own latency) and with a fixed delay before every AWS call.
 *
 * @param delayMillis   the injected delay per AWS call
 * @param failures      sends of the run that failed or were never delivered: each is a sample missing
 *                      from the percentiles, so a run with any is no measurement
 * @param firstFailures the first few of their reasons
 * @param roundTrips    the sequential round trips counted on each delayed send (the target's figure;
 *                      the timings only show what they cost)
 */
record Latency(long delayMillis, int samples, double baselineP50, double baselineP99, double delayedP50,
               double delayedP99, int failures, List<String> firstFailures, RoundTripCounts roundTrips) {

    /** How many failure reasons a run keeps: enough to tell one cause from several. */
    static final int KEPT_FAILURES = 3;

    Latency {
        firstFailures = List.copyOf(firstFailures);
    }

    static Latency of(long delayMillis, List<Double> baseline, List<Double> delayed, int failures,
                      List<String> firstFailures, RoundTripCounts roundTrips) {
        return new Latency(delayMillis, delayed.size(), percentile(baseline, 50), percentile(baseline, 99),
                percentile(delayed, 50), percentile(delayed, 99), failures, firstFailures, roundTrips);
    }

    /** p50 / delay, as the issue states it: includes the emulators' own time, so it reads a little high. */
    double p50OverDelay() {
        return delayedP50 / delayMillis;
    }

    /**
     * (p50 with the delay - p50 without) / delay: the round trips as a timing, which the machine's load
     * moves by half a round trip either way; shown beside the count, not checked.
     */
    double timedRoundTrips() {
        return (delayedP50 - baselineP50) / delayMillis;
    }

    /** Nearest-rank percentile; NaN for no samples. */
    static double percentile(List<Double> values, int percent) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
