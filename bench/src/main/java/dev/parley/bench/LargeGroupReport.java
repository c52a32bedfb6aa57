package dev.parley.bench;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * W7's targets (issue 18) and its table: at most $0.0005 per message with 300 viewing, the activity
 * round of its 30 s window included and shared by that window's messages; at most $0.011 with all
 * 10,000 online and viewing; every viewing device within 1 s p99 in every measurement; DynamoDB read
 * calls per message at most members/100 + 10.
 */
final class LargeGroupReport {
    static final double MAX_DOLLARS_VIEWING = 0.0005;
    static final double MAX_DOLLARS_ALL_ONLINE = 0.011;
    static final double MAX_P99_MILLIS = 1_000;
    static final int READS_CONSTANT = 10;

    private LargeGroupReport() {
    }

    static List<Targets.Check> check(LargeGroupWorkload.Result r) {
        double allOnline = r.dollarsAt(r.members() - 1);
        double reads = r.readCallsAt(r.members() - 1);
        double maxReads = r.members() / 100.0 + READS_CONSTANT;
        LargeGroupWorkload.Phase window = r.window();
        double p99 = Math.max(window.p99Millis(), Math.max(r.viewing().p99Millis(), r.allOnline().p99Millis()));
        return List.of(
                new Targets.Check("%d of %,d viewing, %d messages per 30 s activity round: at most $%s per message"
                        .formatted(window.viewers() + 1, r.members(), window.messages(), plain(MAX_DOLLARS_VIEWING)),
                        LargeGroupWorkload.NAME, "$%.6f (%d round(s) with %d conversationActivity events, shared by %d messages)"
                        .formatted(window.dollarsPerMessage(), window.rounds(), window.activityEvents(),
                                window.messages()), status(window.dollarsPerMessage() <= MAX_DOLLARS_VIEWING)),
                new Targets.Check("all %,d online and viewing: at most $%s per message".formatted(r.members(),
                        plain(MAX_DOLLARS_ALL_ONLINE)), LargeGroupWorkload.NAME,
                        "$%.6f (from %d and %d viewers, measured: $%.6f and $%.6f)".formatted(allOnline,
                        r.viewing().viewers(), r.allOnline().viewers(), r.viewing().dollarsPerMessage(),
                        r.allOnline().dollarsPerMessage()), status(allOnline <= MAX_DOLLARS_ALL_ONLINE)),
                new Targets.Check("every viewing device has the message within 1 s p99", LargeGroupWorkload.NAME,
                        "p99 %.0f ms with %d viewers during a round, %.0f ms with %d after it, %.0f ms with %d".formatted(
                                window.p99Millis(), window.viewers(), r.viewing().p99Millis(),
                                r.viewing().viewers(), r.allOnline().p99Millis(), r.allOnline().viewers()),
                        status(p99 <= MAX_P99_MILLIS)),
                new Targets.Check("DynamoDB read calls per message at most members/100 + %d".formatted(READS_CONSTANT),
                        LargeGroupWorkload.NAME, "%.1f at %,d viewers (limit %.0f; measured %.1f and %.1f)".formatted(reads,
                        r.members() - 1, maxReads, r.viewing().readCallsPerMessage(), r.allOnline().readCallsPerMessage()),
                        status(reads <= maxReads)));
    }

    private static String plain(double dollars) {
        return BigDecimal.valueOf(dollars).toPlainString();
    }

    private static Targets.Status status(boolean met) {
        return met ? Targets.Status.PASS : Targets.Status.FAIL;
    }

    static String table(LargeGroupWorkload.Result r) {
        LargeGroupWorkload.Phase w = r.window();
        return String.format(Locale.ROOT, """

                W7: one group of %,d members, %,d with a live socket (the rest without), quota %s, AWS delay %d ms
                  %-26s %8s %14s %12s %12s %10s
                  %-26s %8d %14.6f %12.1f %12.0f %10.0f   (%d messages 300 ms apart after a round; %d round(s), %d conversationActivity events)
                    stages %s
                  %-26s %8d %14.6f %12.1f %12.0f %10.0f   (%d messages over 20 s of one 30 s round; %d round(s), %d conversationActivity events)
                    stages %s
                  %-26s %8d %14.6f %12.1f %12.0f %10.0f   (%d messages 300 ms apart after a round; %d round(s), %d conversationActivity events)
                    stages %s
                  the window's round(s) (window minus %d messages at the busy price): $%.6f, $%.6f a message
                  all %,d viewing (line through the busy phases)  $%.6f per message, %.1f DynamoDB read calls
                  load average %.2f (1 min, at the end; %d cores)
                """, r.members(), r.sockets(), r.quota(), r.awsDelayMillis(),
                "phase", "viewers", "$ per message", "read calls", "p50 ms", "p99 ms",
                "viewing, busy", r.viewing().viewers(), r.viewing().dollarsPerMessage(), r.viewing().readCallsPerMessage(),
                r.viewing().p50Millis(), r.viewing().p99Millis(), r.viewing().messages(), r.viewing().rounds(),
                r.viewing().activityEvents(), r.viewing().stages(),
                "viewing, with its round", w.viewers(), w.dollarsPerMessage(), w.readCallsPerMessage(),
                w.p50Millis(), w.p99Millis(), w.messages(), w.rounds(), w.activityEvents(), w.stages(),
                "all sockets viewing, busy", r.allOnline().viewers(), r.allOnline().dollarsPerMessage(),
                r.allOnline().readCallsPerMessage(), r.allOnline().p50Millis(), r.allOnline().p99Millis(),
                r.allOnline().messages(), r.allOnline().rounds(), r.allOnline().activityEvents(), r.allOnline().stages(),
                w.messages(), r.roundDollars(), r.roundDollars() / w.messages(),
                r.members(), r.dollarsAt(r.members() - 1), r.readCallsAt(r.members() - 1),
                r.loadAverage(), Runtime.getRuntime().availableProcessors());
    }
}
