package dev.parley.bench;

import dev.parley.model.Limits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to run the benchmark, from the command line of {@code ./parley bench}.
 *
 * @param awsDelay     a delay injected before every AWS call for the latency runs; zero: no latency runs
 * @param inFlight     conversations sending at once (moto applies one request at a time)
 * @param allowSkip    a run whose only unmet targets were skipped (not measured) exits 0
 */
record BenchOptions(int sends, int smallUsers, int largeUsers, int groupSize, int groupSends, int inFlight,
                    Duration awsDelay, int latencySends, int syncConversations, int syncChanged, int pushBurst,
                    Path output, boolean allowSkip, int burst, Readers.Policy receipts) {

    static final String USAGE = """
            Usage: ./parley bench [options]
              --aws-delay-ms N     also measure latency: sends one at a time, alternately without and with N ms
                                   injected before every AWS call (e.g. 50); reports p50/p99 and counts, on
                                   each delayed send's recorded calls, the AWS round trips made one after
                                   another before the first delivery (N must exceed the machine's scheduling
                                   stalls, so that calls made in parallel overlap)
              --latency-sends N    delayed sends per workload, and as many without the delay (default 100)
              --sends N            one-to-one sends in W1 and W2 (default 2000)
              --small-users N      users in W1 (default 200)
              --large-users N      users in W2 (default 2000)
              --group-size N       members of the W3 group (default 50, at most Limits.MAX_MEMBERS = 64)
              --group-sends N      sends in W3 (default 200)
              --in-flight N        conversations sending at once (default 12)
              --sync-conversations N  W4: conversations of the syncing user (default 200)
              --sync-changed N     W4: conversations changed between two syncs (default 5)
              --push-burst N       W5: sends in each burst to an offline user (default 500)
              --burst N            W1-W3 conversation runs: messages per turn, read at once by the others (default 3)
              --receipts P         what readers' clients send for live messages: coalesced (the web client
                                   since issue #17) or per-message (before it); default coalesced
              --output FILE        the JSON report (default <repo>/target/bench.json)
              --allow-skip         exit 0 when the only targets not met were skipped, not failed; without it a
                                   skipped target fails the run (the round-trip target is skipped
                                   unless --aws-delay-ms is given)
              --cold-start [--runs N]  only cold start: authorizer, $connect, sendMessage and sync, a fresh JVM
                                   per run (default and minimum 7), interleaved with a bare-JVM floor on a lean
                                   classpath; median, max, the ratio to the floor from paired runs, the load
                                   average, jar sizes; target: each paired ratio's median <= 1.25, a failed
                                   run fails
              --media-only         only W6: the media processor's image pipeline on a 12-megapixel photo
                                   (no local cloud; checks no target, exits 0; also runs last in a full bench)
            """;
    static final String MEDIA_ONLY = "--media-only";
    static final String ALLOW_SKIP = "--allow-skip";

    BenchOptions {
        if (smallUsers < 2 || smallUsers % 2 != 0 || largeUsers < smallUsers || largeUsers % 2 != 0) {
            throw new IllegalArgumentException("users must be even, at least 2, and --large-users >= --small-users");
        }
        if (groupSize > Limits.MAX_MEMBERS) {
            throw new IllegalArgumentException("--group-size is at most " + Limits.MAX_MEMBERS + ", the member limit of inline fan-out");
        }
        if (groupSize < 2 || groupSize > largeUsers || sends < 1 || groupSends < 1 || inFlight < 1 || latencySends < 1) {
            throw new IllegalArgumentException("counts must be positive and the group no larger than --large-users");
        }
        if (syncConversations < 1 || syncChanged < 1 || syncChanged > syncConversations || pushBurst < 1
                || largeUsers < syncConversations + 2 + syncChanged * 4 + 3) {
            throw new IllegalArgumentException("W4/W5 need --large-users >= --sync-conversations + 2 + 4 x --sync-changed + 3,"
                    + " and --sync-changed at most --sync-conversations");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("--burst must be at least 1");
        }
        if (awsDelay.isNegative()) {
            throw new IllegalArgumentException("--aws-delay-ms must not be negative");
        }
    }

    /** The options as they go into the JSON report. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sends", sends);
        json.put("smallUsers", smallUsers);
        json.put("largeUsers", largeUsers);
        json.put("groupSize", groupSize);
        json.put("groupSends", groupSends);
        json.put("inFlight", inFlight);
        json.put("awsDelayMs", awsDelay.toMillis());
        json.put("latencySends", latencySends);
        json.put("syncConversations", syncConversations);
        json.put("syncChanged", syncChanged);
        json.put("pushBurst", pushBurst);
        json.put("allowSkip", allowSkip);
        json.put("burst", burst);
        json.put("receipts", receipts.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        return json;
    }

    static BenchOptions parse(String[] args, Path repositoryRoot) {
        int sends = 2000;
        int smallUsers = 200;
        int largeUsers = 2000;
        int groupSize = 50;
        int groupSends = 200;
        int inFlight = 12;
        long delayMillis = 0;
        int latencySends = 100;
        int syncConversations = 200;
        int syncChanged = 5;
        int pushBurst = 500;
        Path output = repositoryRoot.resolve("target").resolve("bench.json");
        boolean allowSkip = false;
        int burst = 3;
        Readers.Policy receipts = Readers.Policy.COALESCED;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals(ALLOW_SKIP)) {
                allowSkip = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--aws-delay-ms" -> delayMillis = number(flag, value);
                case "--latency-sends" -> latencySends = (int) number(flag, value);
                case "--sends" -> sends = (int) number(flag, value);
                case "--small-users" -> smallUsers = (int) number(flag, value);
                case "--large-users" -> largeUsers = (int) number(flag, value);
                case "--group-size" -> groupSize = (int) number(flag, value);
                case "--group-sends" -> groupSends = (int) number(flag, value);
                case "--in-flight" -> inFlight = (int) number(flag, value);
                case "--sync-conversations" -> syncConversations = (int) number(flag, value);
                case "--sync-changed" -> syncChanged = (int) number(flag, value);
                case "--push-burst" -> pushBurst = (int) number(flag, value);
                case "--output" -> output = Path.of(value).toAbsolutePath();
                case "--burst" -> burst = (int) number(flag, value);
                case "--receipts" -> receipts = switch (value) {
                    case "coalesced" -> Readers.Policy.COALESCED;
                    case "per-message" -> Readers.Policy.PER_MESSAGE;
                    default -> throw new IllegalArgumentException("--receipts takes coalesced or per-message, got " + value);
                };
                default -> throw new IllegalArgumentException("Unknown option " + flag);
            }
        }
        return new BenchOptions(sends, smallUsers, largeUsers, groupSize, groupSends, inFlight,
                Duration.ofMillis(delayMillis), latencySends, syncConversations, syncChanged, pushBurst, output,
                allowSkip, burst, receipts);
    }

    private static long number(String flag, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a number, got " + value);
        }
    }
}
