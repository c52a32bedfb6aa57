package dev.parley.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.ToLongFunction;

/**
 * The cold-start table: each function's median and max beside the floor's, its ratio to the floor
 * from paired runs, the verdict, the machine's load and the jars.
 *
 * <p>{@code samples} holds, per name, one entry per run in run order, {@code null} where that run
 * failed. Run i of a function is paired with run i of the floor, measured just before it, so a
 * burst of load from elsewhere on the machine lands on both halves of a pair: the verdict compares
 * the median of the per-run wall-time ratios, unrounded, with the target. A function with any
 * failed run, or none at all, fails: a missing measurement never passes. The CPU time's paired
 * ratio is printed beside it: on a machine loaded beyond its cores it moves far less than wall time.
 */
record ColdStartReport(Map<String, List<Sample>> samples, double target, int runs, Map<String, Long> jarBytes,
                       int floorJars, long floorBytes, LoadAverage load) {
    static final String FLOOR = "floor";
    /**
     * The functions' stream entry (their own Jackson) reading one event's bytes and writing the response,
     * alone on the functions' classpath: part of every function's time and none of the floor's, shown outside the target.
     */
    static final String EVENT_SERDE = "event serde";

    /** One run: wall milliseconds from process start to the handled event, and the process's CPU milliseconds then (-1: unknown). */
    record Sample(long wallMillis, long cpuMillis) {
    }

    /** The one-minute load average as sampled before each run, and the machine's processors. */
    record LoadAverage(double min, double max, int processors) {
        static LoadAverage of(List<Double> samples, int processors) {
            List<Double> known = samples.stream().filter(s -> s >= 0).toList();
            return known.isEmpty() ? new LoadAverage(-1, -1, processors)
                    : new LoadAverage(Collections.min(known), Collections.max(known), processors);
        }

        String describe() {
            return min < 0 ? "load average not available, %d processors".formatted(processors)
                    : "load average (1 min) %.1f to %.1f during the runs, %d processors".formatted(min, max, processors);
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double medianOf(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The wall times of the runs of {@code name} that produced a measurement. */
    List<Long> measured(String name) {
        return samples.getOrDefault(name, List.of()).stream().filter(Objects::nonNull).map(Sample::wallMillis).toList();
    }

    /** How many of the {@link #runs} of {@code name} produced no measurement. */
    int failedRuns(String name) {
        return runs - measured(name).size();
    }

    /** The median over runs of (function's wall time / the floor's in the same run); empty when no pair was measured. */
    OptionalDouble pairedRatio(String function) {
        return pairedRatio(function, Sample::wallMillis);
    }

    /** The same for CPU time. */
    OptionalDouble pairedCpuRatio(String function) {
        return pairedRatio(function, Sample::cpuMillis);
    }

    private OptionalDouble pairedRatio(String function, ToLongFunction<Sample> figure) {
        List<Sample> own = samples.getOrDefault(function, List.of());
        List<Sample> floor = samples.getOrDefault(FLOOR, List.of());
        List<Double> ratios = new ArrayList<>();
        for (int run = 0; run < Math.min(own.size(), floor.size()); run++) {
            if (own.get(run) != null && floor.get(run) != null && figure.applyAsLong(floor.get(run)) > 0
                    && figure.applyAsLong(own.get(run)) >= 0) {
                ratios.add((double) figure.applyAsLong(own.get(run)) / figure.applyAsLong(floor.get(run)));
            }
        }
        return ratios.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(medianOf(ratios));
    }

    private List<Long> cpu(String name) {
        return samples.getOrDefault(name, List.of()).stream().filter(Objects::nonNull).map(Sample::cpuMillis)
                .filter(cpu -> cpu >= 0).toList();
    }

    /** The function met the target: every run measured, the floor's too, and the paired ratio at most the target, unrounded. */
    boolean met(String function) {
        OptionalDouble ratio = pairedRatio(function);
        return failedRuns(function) == 0 && failedRuns(FLOOR) == 0 && ratio.isPresent() && ratio.getAsDouble() <= target;
    }

    boolean met() {
        return !functions().isEmpty() && functions().stream().allMatch(this::met);
    }

    private List<String> functions() {
        return samples.keySet().stream().filter(name -> !name.equals(FLOOR) && !name.equals(EVENT_SERDE)).toList();
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append("\nCold start: a fresh JVM per run, process start to the first handled event, against moto (")
                .append(runs).append(" runs each, interleaved: floor, then each function, per run)\n");
        out.append("'").append(EVENT_SERDE).append("': only the functions' stream entry reading a route event's bytes with their")
                .append(" own Jackson and writing the response, on the functions' classpath (part of each function's time, none of the floor's)\n");
        out.append(load.describe()).append('\n');
        out.append(String.format("%-12s %-30s %10s %10s %16s %14s %12s %12s%n", "function", "classpath", "median ms", "max ms",
                "x floor (paired)", "target <= " + target, "cpu ms", "cpu x floor"));
        long functionsJar = jarBytes.getOrDefault("parley-functions.jar", 0L);
        List<String> names = new ArrayList<>(List.of(FLOOR));
        names.addAll(functions());
        if (samples.containsKey(EVENT_SERDE)) {
            names.add(EVENT_SERDE);
        }
        for (String name : names) {
            boolean floor = name.equals(FLOOR);
            boolean serde = name.equals(EVENT_SERDE);
            String classpath = floor ? "%d lean jars, %.1f MB".formatted(floorJars, floorBytes / 1e6)
                    : "parley-functions.jar, %.1f MB".formatted(functionsJar / 1e6);
            List<Long> values = measured(name);
            String median = values.isEmpty() ? "-" : Long.toString(median(values));
            String max = values.isEmpty() ? "-" : Long.toString(Collections.max(values));
            OptionalDouble ratio = pairedRatio(name);
            String ratioText = floor ? "1.00" : ratio.isPresent() ? "%.3f".formatted(ratio.getAsDouble()) : "-";
            String verdict = floor || serde ? failedRuns(name) == 0 ? serde ? "(no target)" : "" : "FAIL: %d runs failed".formatted(failedRuns(name))
                    : failedRuns(name) > 0 ? "FAIL: %d runs failed".formatted(failedRuns(name))
                    : met(name) ? "met" : "MISSED";
            List<Long> cpu = cpu(name);
            OptionalDouble cpuRatio = pairedCpuRatio(name);
            out.append(String.format("%-12s %-30s %10s %10s %16s %14s %12s %12s%n", name, classpath, median, max, ratioText, verdict,
                    cpu.isEmpty() ? "-" : Long.toString(median(cpu)),
                    floor ? "1.00" : cpuRatio.isPresent() ? "%.3f".formatted(cpuRatio.getAsDouble()) : "-"));
        }
        out.append("\nDeployed jars: ");
        jarBytes.forEach((jar, bytes) -> out.append(jar).append(' ').append(bytes < 0 ? "(not built)" : "%.1f MB".formatted(bytes / 1e6)).append("  "));
        out.append("\n").append(met() ? "Every function met the target." : "A function MISSED the target or was not measured.").append('\n');
        return out.toString();
    }
}
