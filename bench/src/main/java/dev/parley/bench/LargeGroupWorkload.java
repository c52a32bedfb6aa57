package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.model.Limits;
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
 * <p>{@code viewing} sockets view the group, then all sockets do. Each "busy" measurement follows a
 * warm-up message that pays the conversation's activity round, and sends {@code messages} messages one
 * after another from a viewing device, each timed until every other viewing device has it: the price
 * of a message in a group whose round ran lately. With {@code viewing} sockets there is also a
 * "window": once the last round has expired, {@code windowMessages} messages sent one at a time and no
 * faster than evenly over one 30 s activity interval, so the first starts a round and the window's
 * messages share its cost (the round's pages run while the later messages are delivered). That
 * figure is the one the 300-viewing target is checked on: a group receiving {@code windowMessages}
 * messages per 30 s. Per message: every counter of {@link MeterReading} priced by {@link PriceTable};
 * the all-online figure for 10,000 sockets is the straight line through the two busy measurements'
 * (viewers, $) points, taken to 10,000 viewers. Targets: {@link LargeGroupReport}.
 */
final class LargeGroupWorkload {
    static final String NAME = "W7";
    static final String ONLY = "--w7-only";
    /** A window's messages are spread over one activity interval: at most one round starts in it. */
    static final Duration WINDOW = Duration.ofMillis(Limits.ACTIVITY_INTERVAL_MS);
    static final String USAGE = """
              --w7-only            only W7 (a large group: viewing vs all online), with its targets
              --w7-sockets N       W7's members with a live socket (default 2000)
              --w7-members N       W7's group size (default 10000)
              --w7-viewing N       W7's viewing sockets in its first phase (default 300)
              --w7-messages N      W7's measured messages per busy phase (default 10)
              --w7-window-messages N  W7's messages per 30 s activity round in the viewing window (default 30)
            """;

    /** The flags; other flags are left to the rest of the bench. */
    record Options(int members, int sockets, int viewing, int messages, int windowMessages) {
        static Options parse(String[] args) {
            Options o = new Options(10_000, 2_000, 300, 10, 30);
            for (int i = 0; i + 1 < args.length; i++) {
                int value = args[i].startsWith("--w7-") && !args[i].equals(ONLY) ? Integer.parseInt(args[i + 1]) : 0;
                o = switch (args[i]) {
                    case "--w7-sockets" -> new Options(o.members, value, o.viewing, o.messages, o.windowMessages);
                    case "--w7-members" -> new Options(value, o.sockets, o.viewing, o.messages, o.windowMessages);
                    case "--w7-viewing" -> new Options(o.members, o.sockets, value, o.messages, o.windowMessages);
                    case "--w7-messages" -> new Options(o.members, o.sockets, o.viewing, value, o.windowMessages);
                    case "--w7-window-messages" -> new Options(o.members, o.sockets, o.viewing, o.messages, value);
                    default -> o;
                };
            }
            if (o.viewing < 2 || o.sockets <= o.viewing || o.members < o.sockets || o.messages < 1 || o.windowMessages < 1) {
                throw new IllegalArgumentException("W7 needs 2 <= viewing < sockets <= members and 1+ message per phase and window");
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

    /**
     * The viewing sockets' messages of one activity window, the round(s) it started included.
     *
     * @param rounds activity rounds claimed in the window (1 unless the window outlasted 30 s)
     */
    record Window(Phase phase, int rounds) {

        /** What the window paid beyond its messages at the busy price: its round(s). */
        double roundDollars(Phase busy) {
            return (phase.dollarsPerMessage() - busy.dollarsPerMessage()) * phase.messages();
        }
    }

    record Result(int members, int sockets, Phase viewing, Window window, Phase allOnline, String quota, long awsDelayMillis,
                  double loadAverage) {

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
            Window window = window(id, devices.subList(0, options.viewing()), options.windowMessages());
            view(id, devices.subList(options.viewing(), devices.size()));
            Phase all = phase(id, devices, options.messages(), "all online");
            return new Result(options.members(), options.sockets(), viewing, window, all, quota, awsDelay.toMillis(),
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
        Phase phase = measured(viewers, completions, reading.get().since(before), activityEvents.get() - activityBefore);
        progress.say("W7 %s: %d viewers, $%.6f per message, completion p50 %.0f ms p99 %.0f ms", label, phase.viewers(),
                phase.dollarsPerMessage(), phase.p50Millis(), phase.p99Millis());
        return phase;
    }

    /**
     * Once the last activity round has expired, {@code messages} messages one at a time, the i-th sent no
     * earlier than i/messages of the way through a 30 s window: the first claims a round, whose pages run
     * while the rest are delivered, and the window pays for it.
     */
    private Window window(String id, List<Device> viewers, int messages) throws InterruptedException {
        Device sender = viewers.getFirst();
        quiet.await();
        long expired = roundAt(id) + WINDOW.toMillis() + 1_000;
        progress.say("W7 window: waiting %d s for the last activity round to expire",
                Math.max(0, expired - System.currentTimeMillis()) / 1_000);
        Thread.sleep(Math.max(0, expired - System.currentTimeMillis()));
        long activityBefore = activityEvents.get();
        MeterReading before = reading.get();
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        List<Double> completions = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            long due = start + WINDOW.toNanos() * i / messages;
            TimeUnit.NANOSECONDS.sleep(due - System.nanoTime());
            completions.add(send(id, sender, viewers, "window-" + i));
        }
        quiet.await();
        Phase phase = measured(viewers, completions, reading.get().since(before), activityEvents.get() - activityBefore);
        long lastRound = roundAt(id);
        // The window's first message claims a round at once; another needs 30 s more.
        int rounds = lastRound < startMillis ? 0 : 1 + (int) ((lastRound - startMillis) / WINDOW.toMillis());
        progress.say("W7 window: %d viewers, %d messages, %d round(s), $%.6f per message, completion p50 %.0f ms p99 %.0f ms",
                phase.viewers(), messages, rounds, phase.dollarsPerMessage(), phase.p50Millis(), phase.p99Millis());
        return new Window(phase, rounds);
    }

    /** When the conversation's last activity round was claimed (epoch ms; 0 if none): its item in the viewers table. */
    private long roundAt(String id) {
        var item = dynamoDb.getItem(get -> get.tableName(table(List.of("conversationId", "entry"))).consistentRead(true)
                .key(Map.of("conversationId", AttributeValue.fromS(id), "entry", AttributeValue.fromS("round")))).item();
        AttributeValue at = item == null ? null : item.get("at");
        return at == null || at.n() == null ? 0 : Long.parseLong(at.n());
    }

    /** Prices what {@code used} counted over the messages sent, with their completion times. */
    private static Phase measured(List<Device> viewers, List<Double> completions, MeterReading used, long activity) {
        int messages = completions.size();
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
        return new Phase(viewers.size() - 1, dollars, reads / (double) messages, Latency.percentile(completions, 50),
                Latency.percentile(completions, 99), messages, activity);
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
}
