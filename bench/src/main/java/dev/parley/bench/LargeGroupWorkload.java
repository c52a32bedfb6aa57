package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.model.v1.Actions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * W7: one large group of {@code members} (10,000), {@code sockets} of them real users with a live
 * socket on the local gateway, the rest members without a socket. The group is set up in bulk, not
 * through the API: its header written as large and its membership rows with BatchWriteItem (growing
 * it by addMembers would be 100 transactions of 100 items, which moto copies whole tables for).
 *
 * <p>Two phases, each after a warm-up message that pays the conversation's activity round (so the
 * measured messages are those of a busy group, docs/cost.md): {@code viewing} sockets view the group,
 * then all sockets do. Each phase sends {@code messages} messages one after another from a viewing
 * device and times each until every other viewing device has it. Per message: every counter of
 * {@link MeterReading} priced by {@link PriceTable}; the all-online figure for 10,000 sockets is the
 * straight line through the two phases' (viewers, $) points, taken to 10,000 viewers.
 *
 * <p>Targets (issue 18): at most $0.0005 with 300 viewing, at most $0.011 with all 10,000 online,
 * every viewing device within 1 s p99, DynamoDB read calls per message at most members/100 + 10.
 */
final class LargeGroupWorkload {
    static final String NAME = "W7";
    static final String ONLY = "--w7-only";
    static final double MAX_DOLLARS_VIEWING = 0.0005;
    static final double MAX_DOLLARS_ALL_ONLINE = 0.011;
    static final double MAX_P99_MILLIS = 1_000;
    static final int READS_CONSTANT = 10;
    static final String USAGE = """
              --w7-only            only W7 (a large group: viewing vs all online), with its targets
              --w7-sockets N       W7's members with a live socket (default 2000)
              --w7-members N       W7's group size (default 10000)
              --w7-viewing N       W7's viewing sockets in its first phase (default 300)
              --w7-messages N      W7's measured messages per phase (default 10)
            """;

    /** The flags; other flags are left to the rest of the bench. */
    record Options(int members, int sockets, int viewing, int messages) {
        static Options parse(String[] args) {
            Options o = new Options(10_000, 2_000, 300, 10);
            for (int i = 0; i + 1 < args.length; i++) {
                int value = args[i].startsWith("--w7-") && !args[i].equals(ONLY) ? Integer.parseInt(args[i + 1]) : 0;
                o = switch (args[i]) {
                    case "--w7-sockets" -> new Options(o.members, value, o.viewing, o.messages);
                    case "--w7-members" -> new Options(value, o.sockets, o.viewing, o.messages);
                    case "--w7-viewing" -> new Options(o.members, o.sockets, value, o.messages);
                    case "--w7-messages" -> new Options(o.members, o.sockets, o.viewing, value);
                    default -> o;
                };
            }
            if (o.viewing < 2 || o.sockets <= o.viewing || o.members < o.sockets || o.messages < 1) {
                throw new IllegalArgumentException("W7 needs 2 <= viewing < sockets <= members and 1+ message");
            }
            return o;
        }
    }

    /** {@code args} without W7's flags (and their values). */
    static String[] otherFlags(String[] args) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(ONLY)) {
                continue;
            }
            if (args[i].startsWith("--w7-")) {
                i++;
                continue;
            }
            rest.add(args[i]);
        }
        return rest.toArray(String[]::new);
    }

    /** One phase: viewers (other than the sender), $ per message, read calls per message, completion times. */
    record Phase(int viewers, double dollarsPerMessage, double readCallsPerMessage, double p50Millis, double p99Millis,
                 int messages, long activityEvents) {
    }

    record Result(int members, int sockets, Phase viewing, Phase allOnline, String quota, long awsDelayMillis, double loadAverage) {

        /** The straight line through the two phases, at {@code viewers}. */
        double dollarsAt(int viewers) {
            return at(viewers, viewing.dollarsPerMessage(), allOnline.dollarsPerMessage());
        }

        double readCallsAt(int viewers) {
            return at(viewers, viewing.readCallsPerMessage(), allOnline.readCallsPerMessage());
        }

        private double at(int viewers, double first, double second) {
            double slope = (second - first) / (allOnline.viewers() - viewing.viewers());
            return first + slope * (viewers - viewing.viewers());
        }
    }

    private final Fleet fleet;
    private final DynamoDbClient dynamoDb;
    private final ScalingWorkloads.Quiet quiet;
    private final Reading reading;
    private final Progress progress;
    /** conversationId#seq -> the devices that got the message event, with when the first send began. */
    private final Map<String, Set<Device>> arrivals = new ConcurrentHashMap<>();
    private final Map<String, Long> lastArrival = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong activityEvents = new java.util.concurrent.atomic.AtomicLong();

    LargeGroupWorkload(Fleet fleet, DynamoDbClient dynamoDb, ScalingWorkloads.Quiet quiet,
                       Reading reading, Progress progress) {
        this.fleet = fleet;
        this.dynamoDb = dynamoDb;
        this.quiet = quiet;
        this.reading = reading;
        this.progress = progress;
    }

    /** Reads every meter now. */
    interface Reading {
        MeterReading get() throws InterruptedException;
    }

    /** The listener the fleet's devices report events to. */
    void onEvent(Device device, JsonNode event, long arrivedNanos) {
        String type = event.path("type").asText();
        if (Actions.MESSAGE_EVENT.equals(type)) {
            String key = event.path("conversationId").asText() + "#" + event.path("seq").asLong();
            arrivals.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(device);
            lastArrival.merge(key, arrivedNanos, Math::max);
        } else if ("conversationActivity".equals(type)) {
            activityEvents.incrementAndGet();
        }
    }

    /** Sets up in bulk, connects, then runs both phases with {@code awsDelay} before every AWS call. */
    Result run(List<BenchUser> users, Options options, String quota, Duration awsDelay) throws InterruptedException {
        String id = createInBulk(users, options.members());
        List<Device> devices = fleet.connect(NAME, users.subList(0, options.sockets()));
        try {
            InjectedAwsLatency.set(awsDelay);
            view(id, devices.subList(0, options.viewing()));
            Phase viewing = phase(id, devices.subList(0, options.viewing()), options.messages(), "viewing");
            view(id, devices.subList(options.viewing(), devices.size()));
            Phase all = phase(id, devices, options.messages(), "all online");
            return new Result(options.members(), options.sockets(), viewing, all, quota, awsDelay.toMillis(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            InjectedAwsLatency.set(Duration.ZERO);
            fleet.close(devices);
        }
    }

    /** The header as large and every member's row, with BatchWriteItem; the first user is the admin. */
    private String createInBulk(List<BenchUser> users, int members) {
        String id = ConversationId.newGroup();
        String messages = table(List.of("conversationId", "seq"));
        String memberships = table(List.of("userId", "conversationId"));
        long now = System.currentTimeMillis();
        String admin = users.getFirst().userId();
        dynamoDb.putItem(put -> put.tableName(messages).item(Map.of(
                "conversationId", AttributeValue.fromS(id), "seq", AttributeValue.fromN("9007199254740991"),
                "kind", AttributeValue.fromS("group"), "title", AttributeValue.fromS("W7 large group"),
                "e2ee", AttributeValue.fromBool(false), "admins", AttributeValue.fromSs(List.of(admin)),
                "createdAt", AttributeValue.fromN(Long.toString(now)), "createdBy", AttributeValue.fromS(admin),
                "tier", AttributeValue.fromS("large"), "memberCount", AttributeValue.fromN(Integer.toString(members)))));
        List<WriteRequest> rows = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            String userId = i < users.size() ? users.get(i).userId() : "w7-member-%05d".formatted(i);
            Map<String, AttributeValue> row = new HashMap<>(Map.of("userId", AttributeValue.fromS(userId),
                    "conversationId", AttributeValue.fromS(id), "role", AttributeValue.fromS(i == 0 ? "admin" : "member"),
                    "joinedAt", AttributeValue.fromN(Long.toString(now)), "readSeq", AttributeValue.fromN("0"),
                    "deliveredSeq", AttributeValue.fromN("0"), "tier", AttributeValue.fromS("large")));
            rows.add(WriteRequest.builder().putRequest(PutRequest.builder().item(row).build()).build());
        }
        try (AutoCloseable ticker = progress.every2Seconds(() -> "W7: writing %d membership rows".formatted(members))) {
            for (int from = 0; from < rows.size(); from += 25) {
                List<WriteRequest> batch = rows.subList(from, Math.min(rows.size(), from + 25));
                Map<String, List<WriteRequest>> pending = Map.of(memberships, batch);
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> ask = pending;
                    var response = dynamoDb.batchWriteItem(write -> write.requestItems(ask));
                    pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("W7: the bulk write failed: " + e.getMessage(), e);
        }
        return id;
    }

    private String table(List<String> keys) {
        for (String name : dynamoDb.listTablesPaginator().tableNames()) {
            if (dynamoDb.describeTable(d -> d.tableName(name)).table().keySchema().stream()
                    .map(KeySchemaElement::attributeName).toList().equals(keys)) {
                return name;
            }
        }
        throw new IllegalStateException("no table keyed " + keys);
    }

    /** viewConversation from each device, 50 at a time; views last 300 s, longer than a phase. */
    private void view(String id, List<Device> devices) {
        for (int from = 0; from < devices.size(); from += 50) {
            java.util.concurrent.CompletableFuture.allOf(devices.subList(from, Math.min(devices.size(), from + 50)).stream()
                    .map(device -> device.request(Actions.VIEW_CONVERSATION,
                            Device.fields().put("conversationId", id).put("ttlSeconds", 300)))
                    .toArray(java.util.concurrent.CompletableFuture[]::new)).orTimeout(120, TimeUnit.SECONDS).join();
        }
    }

    /** A warm-up message (pays the activity round), then the measured ones, each awaited on every viewer. */
    private Phase phase(String id, List<Device> viewers, int messages, String label) throws InterruptedException {
        Device sender = viewers.getFirst();
        send(id, sender, viewers, "warm-up-" + label.replace(' ', '-'));
        quiet.await();
        long activityBefore = activityEvents.get();
        MeterReading before = reading.get();
        List<Double> completions = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            completions.add(send(id, sender, viewers, label.replace(' ', '-') + "-" + i));
        }
        quiet.await();
        MeterReading used = reading.get().since(before);
        double apiGateway = (used.apiGatewayIn() + used.apiGatewayOut()) / (double) messages;
        Map<String, Double> invocations = new HashMap<>();
        used.invocations().forEach((function, count) -> invocations.put(function, count / (double) messages));
        double dollars = PriceTable.dollarsPerMillion(PriceTable.costOf(apiGateway, invocations, used.writeUnits() / messages,
                used.readUnits() / messages, used.sqsRequests() / (double) messages, used.snsPublishes() / (double) messages))
                / 1_000_000;
        long reads = used.awsCalls().entrySet().stream()
                .filter(e -> e.getKey().toLowerCase(Locale.ROOT).startsWith("dynamodb/"))
                .filter(e -> Set.of("query", "getitem", "batchgetitem", "scan")
                        .contains(e.getKey().substring(e.getKey().indexOf('/') + 1).toLowerCase(Locale.ROOT)))
                .mapToLong(Map.Entry::getValue).sum();
        Phase phase = new Phase(viewers.size() - 1, dollars, reads / (double) messages, Latency.percentile(completions, 50),
                Latency.percentile(completions, 99), messages, activityEvents.get() - activityBefore);
        progress.say("W7 %s: %d viewers, $%.6f per message, completion p50 %.0f ms p99 %.0f ms", label, phase.viewers(),
                phase.dollarsPerMessage(), phase.p50Millis(), phase.p99Millis());
        return phase;
    }

    /** Sends one message; returns the milliseconds until the last other viewer had it. */
    private double send(String id, Device sender, List<Device> viewers, String clientMessageId) throws InterruptedException {
        long begun = System.nanoTime();
        JsonNode reply = sender.request(Actions.SEND_MESSAGE, Device.fields().put("conversationId", id)
                .put("clientMessageId", "w7-" + clientMessageId).put("text", "W7 " + clientMessageId))
                .orTimeout(60, TimeUnit.SECONDS).join();
        String key = id + "#" + reply.path("seq").asLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (arrivals.getOrDefault(key, Set.of()).size() < viewers.size() - 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("W7: %s reached %d of %d viewing devices in 120 s".formatted(clientMessageId,
                        arrivals.getOrDefault(key, Set.of()).size(), viewers.size() - 1));
            }
            Thread.sleep(5);
        }
        return (lastArrival.get(key) - begun) / 1e6;
    }

    static List<Targets.Check> check(Result r) {
        double allOnline = r.dollarsAt(r.members() - 1);
        double reads = r.readCallsAt(r.members() - 1);
        double maxReads = r.members() / 100.0 + READS_CONSTANT;
        double p99 = Math.max(r.viewing().p99Millis(), r.allOnline().p99Millis());
        return List.of(
                new Targets.Check("%d of %,d viewing: at most $%s per message".formatted(r.viewing().viewers() + 1, r.members(),
                        java.math.BigDecimal.valueOf(MAX_DOLLARS_VIEWING).toPlainString()), NAME, "$%.6f".formatted(r.viewing().dollarsPerMessage()),
                        status(r.viewing().dollarsPerMessage() <= MAX_DOLLARS_VIEWING)),
                new Targets.Check("all %,d online and viewing: at most $%s per message".formatted(r.members(),
                        java.math.BigDecimal.valueOf(MAX_DOLLARS_ALL_ONLINE).toPlainString()),
                        NAME, "$%.6f (from %d and %d viewers, measured: $%.6f and $%.6f)".formatted(allOnline,
                        r.viewing().viewers(), r.allOnline().viewers(), r.viewing().dollarsPerMessage(),
                        r.allOnline().dollarsPerMessage()), status(allOnline <= MAX_DOLLARS_ALL_ONLINE)),
                new Targets.Check("every viewing device has the message within 1 s p99", NAME,
                        "p99 %.0f ms with %d viewers, %.0f ms with %d".formatted(r.viewing().p99Millis(), r.viewing().viewers(),
                                r.allOnline().p99Millis(), r.allOnline().viewers()), status(p99 <= MAX_P99_MILLIS)),
                new Targets.Check("DynamoDB read calls per message at most members/100 + %d".formatted(READS_CONSTANT), NAME,
                        "%.1f at %,d viewers (limit %.0f; measured %.1f and %.1f)".formatted(reads, r.members() - 1, maxReads,
                                r.viewing().readCallsPerMessage(), r.allOnline().readCallsPerMessage()), status(reads <= maxReads)));
    }

    private static Targets.Status status(boolean met) {
        return met ? Targets.Status.PASS : Targets.Status.FAIL;
    }

    static String table(Result r) {
        return String.format(Locale.ROOT, """

                W7: one group of %,d members, %,d with a live socket (the rest without), quota %s, AWS delay %d ms
                  %-26s %8s %14s %12s %12s %10s
                  %-26s %8d %14.6f %12.1f %12.0f %10.0f   (%d messages; %d conversationActivity events)
                  %-26s %8d %14.6f %12.1f %12.0f %10.0f   (%d messages; %d conversationActivity events)
                  all %,d viewing (line through both)     $%.6f per message, %.1f DynamoDB read calls
                  load average %.2f (1 min, at the end; %d cores)
                """, r.members(), r.sockets(), r.quota(), r.awsDelayMillis(),
                "phase", "viewers", "$ per message", "read calls", "p50 ms", "p99 ms",
                "viewing", r.viewing().viewers(), r.viewing().dollarsPerMessage(), r.viewing().readCallsPerMessage(),
                r.viewing().p50Millis(), r.viewing().p99Millis(), r.viewing().messages(), r.viewing().activityEvents(),
                "all sockets viewing", r.allOnline().viewers(), r.allOnline().dollarsPerMessage(), r.allOnline().readCallsPerMessage(),
                r.allOnline().p50Millis(), r.allOnline().p99Millis(), r.allOnline().messages(), r.allOnline().activityEvents(),
                r.members(), r.dollarsAt(r.members() - 1), r.readCallsAt(r.members() - 1),
                r.loadAverage(), Runtime.getRuntime().availableProcessors());
    }
}
