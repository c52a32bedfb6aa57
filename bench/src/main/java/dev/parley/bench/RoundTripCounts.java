package dev.parley.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The round trips before the first delivery counted on each send of a latency run ({@link RoundTrips}).
 *
 * @param counts         one per send that could be counted
 * @param uncounted      sends whose calls could not be told apart from another invocation's, or had no post
 * @param firstUncounted why the first of them was not counted; null when all were
 */
record RoundTripCounts(List<Integer> counts, int uncounted, String firstUncounted) {

    RoundTripCounts {
        counts = List.copyOf(counts);
    }

    static RoundTripCounts of(List<RoundTrips.Sample> samples) {
        List<Integer> counts = samples.stream().filter(s -> s instanceof RoundTrips.Sample.Counted)
                .map(s -> ((RoundTrips.Sample.Counted) s).roundTrips()).toList();
        List<String> reasons = samples.stream().filter(s -> s instanceof RoundTrips.Sample.Uncounted)
                .map(s -> ((RoundTrips.Sample.Uncounted) s).why()).toList();
        return new RoundTripCounts(counts, reasons.size(), reasons.isEmpty() ? null : reasons.getFirst());
    }

    /** The median send's count (nearest rank, so always a count some send had); NaN with none counted. */
    double median() {
        return Latency.percentile(counts.stream().map(Integer::doubleValue).toList(), 50);
    }

    int max() {
        return counts.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** How many sends had each count, e.g. {@code 3 x19, 4 x1}. */
    String histogram() {
        Map<Integer, Long> byCount = counts.stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        return byCount.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
    }
}
