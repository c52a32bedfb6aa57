package dev.parley.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The cold-start table: each function's median and max beside the floor's, the ratio, the verdict, and the jars. */
record ColdStartReport(Map<String, List<Long>> millis, double target, int runs, Map<String, Long> jarBytes,
                       int floorJars, long floorBytes) {

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double ratio(String function) {
        return (double) median(millis.get(function)) / median(millis.get("floor"));
    }

    boolean met() {
        return millis.keySet().stream().filter(name -> !name.equals("floor")).allMatch(name -> ratio(name) <= target);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append("\nCold start: a fresh JVM per run, process start to the first handled event, against moto (")
                .append(runs).append(" runs each, interleaved)\n");
        out.append(String.format("%-12s %-30s %10s %10s %8s %14s%n", "function", "classpath", "median ms", "max ms", "x floor",
                "target <= " + target));
        long functionsJar = jarBytes.getOrDefault("parley-functions.jar", 0L);
        millis.forEach((name, values) -> {
            boolean floor = name.equals("floor");
            String classpath = floor ? "%d lean jars, %.1f MB".formatted(floorJars, floorBytes / 1e6)
                    : "parley-functions.jar, %.1f MB".formatted(functionsJar / 1e6);
            out.append(String.format("%-12s %-30s %10d %10d %8s %14s%n", name, classpath, median(values),
                    Collections.max(values), floor ? "1.00" : "%.2f".formatted(ratio(name)),
                    floor ? "" : ratio(name) <= target ? "met" : "MISSED"));
        });
        out.append("\nDeployed jars: ");
        jarBytes.forEach((jar, bytes) -> out.append(jar).append(' ').append(bytes < 0 ? "(not built)" : "%.1f MB".formatted(bytes / 1e6)).append("  "));
        out.append("\n").append(met() ? "Every function met the target." : "A function MISSED the target.").append('\n');
        return out.toString();
    }
}
