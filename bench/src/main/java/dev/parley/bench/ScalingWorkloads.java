package dev.parley.bench;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Issue 18's local-cloud workloads, W8 (many senders in one conversation) and W9 (latency as data
 * grows), run after the others in a full bench or alone with {@code --scaling-only}. W9 runs
 * first, so that W8 meets a table of 100,000 messages and W9 no traffic left over from W8.
 *
 * @param levels         W9's stored-message levels; the first must be 0
 * @param senders        W8's concurrent senders
 * @param perSender      W8's messages per sender
 * @param warmUp         W8's messages per sender before the measured ones, into a conversation of their own, not counted
 * @param tiers          W8's conversations, one run each: small, large, or both (the default)
 * @param querySamples   W9's Queries per level
 * @param sendSamples    W9's sends per level
 */
record ScalingWorkloads(List<Long> levels, int senders, int perSender, int warmUp, List<ContentionWorkload.Tier> tiers,
                        int querySamples, int sendSamples) {
    static final String ONLY = "--scaling-only";
    static final String W8_ONLY = "--w8-only";
    static final String USAGE = """
              --scaling-only       only W8 and W9 (issue 18's local-cloud workloads), with their targets
              --w8-only            only W8, on an empty messages table, with its targets
              --w9-levels A,B,..   W9's stored-message levels (default 0,10000,100000; the first must be 0)
              --w8-senders N       W8's concurrent senders into one group (default 20)
              --w8-messages N      W8's messages per sender (default 10)
              --w8-warm-up N       W8's messages per sender first, into a group of their own, not counted (default 10; 0: none)
              --w8-tier T          W8's group: small (20 members), large (80, queued fan-out) or both (default both)
            """;

    /** What the workloads measured: their tables and their checks. */
    record Outcome(String tables, List<Targets.Check> checks) {
    }

    static ScalingWorkloads defaults() {
        return new ScalingWorkloads(List.of(0L, 10_000L, 100_000L), 20, 10, 10, List.of(ContentionWorkload.Tier.values()), 200, 40);
    }

    /** The scaling flags among {@code args}; other flags are left to {@link BenchOptions}. */
    static ScalingWorkloads parse(String[] args) {
        ScalingWorkloads parsed = defaults();
        for (int i = 0; i + 1 < args.length; i++) {
            String value = args[i + 1];
            parsed = switch (args[i]) {
                case "--w9-levels" -> parsed.withLevels(Arrays.stream(value.split(",")).map(String::trim).map(Long::parseLong).toList());
                case "--w8-senders" -> new ScalingWorkloads(parsed.levels, Integer.parseInt(value), parsed.perSender,
                        parsed.warmUp, parsed.tiers, parsed.querySamples, parsed.sendSamples);
                case "--w8-messages" -> new ScalingWorkloads(parsed.levels, parsed.senders, Integer.parseInt(value),
                        parsed.warmUp, parsed.tiers, parsed.querySamples, parsed.sendSamples);
                case "--w8-warm-up" -> new ScalingWorkloads(parsed.levels, parsed.senders, parsed.perSender,
                        Integer.parseInt(value), parsed.tiers, parsed.querySamples, parsed.sendSamples);
                case "--w8-tier" -> new ScalingWorkloads(parsed.levels, parsed.senders, parsed.perSender, parsed.warmUp,
                        value.equals("both") ? List.of(ContentionWorkload.Tier.values()) : List.of(ContentionWorkload.Tier.parse(value)),
                        parsed.querySamples, parsed.sendSamples);
                default -> parsed;
            };
        }
        if (parsed.levels.size() < 2 || parsed.levels.getFirst() != 0 || parsed.senders < 2 || parsed.perSender < 1
                || parsed.warmUp < 0) {
            throw new IllegalArgumentException("--w9-levels needs 0 and at least one more level; W8 needs 2+ senders, 1+ message,"
                    + " a warm-up of 0+");
        }
        return parsed;
    }

    /** {@code args} without this class's flags (and their values). */
    static String[] otherFlags(String[] args) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case ONLY, W8_ONLY -> {
                }
                case "--w9-levels", "--w8-senders", "--w8-messages", "--w8-warm-up", "--w8-tier" -> i++;
                default -> rest.add(args[i]);
            }
        }
        return rest.toArray(String[]::new);
    }

    /** The checks and the verdict, as the full report prints them. */
    static String describe(Verdict verdict) {
        StringBuilder out = new StringBuilder("\nTargets\n");
        verdict.checks().forEach(check -> out.append("  %-7s  %-7s %s: %s%n".formatted(check.status(), check.workload(),
                check.target(), check.measured())));
        return out.append("\n").append(verdict.summary()).append("\n").toString();
    }

    private ScalingWorkloads withLevels(List<Long> newLevels) {
        return new ScalingWorkloads(List.copyOf(newLevels), senders, perSender, warmUp, tiers, querySamples, sendSamples);
    }

    /** Users the workloads need: W8's senders, then W9's two. */
    int users() {
        return senders + 2;
    }

    /**
     * @param quietReading waits until the local cloud has been idle for a moment (what came before is still
     *                     settling), then reads the meters
     * @param withW9 false for {@link #W8_ONLY}: W8 alone, without W9's bulk load before it
     */
    Outcome run(List<BenchUser> users, Fleet fleet, DynamoDbClient dynamoDb, URI awsEndpoint,
                LargeGroupWorkload.Reading quietReading, Progress progress, boolean withW9) throws InterruptedException {
        Quiet quiet = quietReading::get;
        String messagesTable = messagesTable(dynamoDb);
        URI stats = awsEndpoint.resolve("/_parley/stats");
        List<DataGrowthWorkload.Level> growth = List.of();
        if (withW9) {
            quiet.await();
            progress.say("W9: latency at %s stored messages", levels);
            growth = new DataGrowthWorkload(fleet, dynamoDb, messagesTable, progress)
                    .run(users.get(senders), users.get(senders + 1), levels, querySamples, sendSamples);
        }
        List<Targets.Check> checks = new ArrayList<>();
        StringBuilder tables = new StringBuilder();
        ContentionWorkload contention = new ContentionWorkload(fleet, dynamoDb, messagesTable, stats, progress, quietReading);
        for (ContentionWorkload.Tier tier : tiers) {
            quiet.await();
            progress.say("W8 %s: %d senders into one %s group, %d messages each after %d not counted", tier.label(), senders,
                    tier.label(), perSender, warmUp);
            ContentionWorkload.Result result = contention.run(users.subList(0, senders), perSender, warmUp, tier);
            checks.addAll(ContentionWorkload.check(result));
            tables.append(ContentionWorkload.table(result));
        }
        if (!withW9) {
            return new Outcome(tables.toString(), checks);
        }
        checks.addAll(DataGrowthWorkload.check(growth));
        return new Outcome(tables + DataGrowthWorkload.table(growth), checks);
    }

    interface Quiet {
        void await() throws InterruptedException;
    }

    /** The table keyed (conversationId, seq): the provisioned name is generated from the template. */
    static String messagesTable(DynamoDbClient dynamoDb) {
        for (String name : dynamoDb.listTablesPaginator().tableNames()) {
            List<String> keys = dynamoDb.describeTable(d -> d.tableName(name)).table().keySchema().stream()
                    .map(KeySchemaElement::attributeName).toList();
            if (keys.equals(List.of("conversationId", "seq"))) {
                return name;
            }
        }
        throw new IllegalStateException("no table keyed (conversationId, seq) in the local cloud");
    }
}
