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
 * <p>{@code viewing} sockets view the group, then all sockets do (each measurement views again: a view
 * lasts 300 s). A "busy" measurement follows a warm-up message that starts the conversation's activity
 * round and sends {@code messages} messages 300 ms apart from a viewing device while that round has at
 * least 15 s to run: the price of a message in a group whose round ran lately. With {@code viewing}
 * sockets there is also a "window": once the last round has expired, {@code windowMessages} messages
 * sent evenly over 20 s, so the first starts a round whose pages run while the others are delivered,
 * and the window's messages share its cost. That is the figure the 300-viewing target is checked on:
 * a group receiving {@code windowMessages} messages per 30 s round. Messages are sent when due, not
 * after the previous one arrived, and each is timed until every other viewing device has it. Per
 * message: every counter of {@link MeterReading} priced by {@link PriceTable}; the all-online figure
 * for 10,000 sockets is the straight line through the two busy measurements' (viewers, $) points,
 * taken to 10,000 viewers. Targets: {@link LargeGroupReport}.
 */
final class LargeGroupWorkload {
    static final String NAME = "W7";
    static final String ONLY = "--w7-only";
    /** A window's messages are spread over one activity interval: at most one round starts in it. */
    static final Duration WINDOW = Duration.ofMillis(Limits.ACTIVITY_INTERVAL_MS);
    /**
     * A window's messages go out over its first two thirds: a message's first page claims the round when
     * a worker takes it, and a backlog on a loaded machine must not push the last one past the round.
     */
    static final Duration WINDOW_SPREAD = WINDOW.multipliedBy(2).dividedBy(3);
    static final Duration BUSY_SPACING = Duration.ofMillis(300);
    /** Time the warm-up's round must have left for a busy measurement to start (10 messages take 3 s to send). */
    static final Duration BUSY_MARGIN = Duration.ofSeconds(15);
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

    /**
     * One phase: viewers (other than the sender), $ per message, read calls per message, completion times.
     *
     * @param rounds activity rounds claimed while it was measured (a window: 1, unless it outlasted 30 s)
     * @param stages where the completion time went ({@link DeliveryStages#describe})
     */
    record Phase(int viewers, double dollarsPerMessage, double readCallsPerMessage, double p50Millis, double p99Millis,
                 int messages, long activityEvents, int rounds, String stages) {

        Phase(int viewers, double dollarsPerMessage, double readCallsPerMessage, double p50Millis, double p99Millis,
              int messages, long activityEvents, int rounds) {
            this(viewers, dollarsPerMessage, readCallsPerMessage, p50Millis, p99Millis, messages, activityEvents, rounds, "");
        }

        Phase withRounds(int claimed) {
            return new Phase(viewers, dollarsPerMessage, readCallsPerMessage, p50Millis, p99Millis, messages, activityEvents,
                    claimed, stages);
        }

        Phase withStages(String described) {
            return new Phase(viewers, dollarsPerMessage, readCallsPerMessage, p50Millis, p99Millis, messages, activityEvents,
                    rounds, described);
        }
    }

    /** @param window the viewing sockets' messages of one activity window, the round(s) it started included */
    record Result(int members, int sockets, Phase viewing, Phase window, Phase allOnline, String quota, long awsDelayMillis,
                  double loadAverage) {

        /** What the window paid beyond its messages at the busy price: its round(s). */
        double roundDollars() {
            return (window.dollarsPerMessage() - viewing.dollarsPerMessage()) * window.messages();
        }

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
    private final java.net.URI motoStats;
    /** conversationId#seq -> the devices that got the message event, with when the first send began. */
    private final Map<String, Set<Device>> arrivals = new ConcurrentHashMap<>();
    private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
    private final Map<String, Long> lastArrival = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong activityEvents = new java.util.concurrent.atomic.AtomicLong();

    LargeGroupWorkload(Fleet fleet, DynamoDbClient dynamoDb, ScalingWorkloads.Quiet quiet,
                       Reading reading, Progress progress, java.net.URI motoStats) {
        this.fleet = fleet;
        this.motoStats = motoStats;
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
            firstArrival.merge(key, arrivedNanos, Math::min);
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
            Phase viewing = busy(id, devices.subList(0, options.viewing()), options.messages(), "viewing");
            Phase window = window(id, devices.subList(0, options.viewing()), options.windowMessages());
            Phase all = busy(id, devices, options.messages(), "all online");
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

    /** viewConversation from each device, 50 at a time; a view lasts 300 s, so each measurement views again first. */
    private void view(String id, List<Device> devices) {
        for (int from = 0; from < devices.size(); from += 50) {
            java.util.concurrent.CompletableFuture.allOf(devices.subList(from, Math.min(devices.size(), from + 50)).stream()
                    .map(device -> device.request(Actions.VIEW_CONVERSATION,
                            Device.fields().put("conversationId", id).put("ttlSeconds", 300)))
                    .toArray(java.util.concurrent.CompletableFuture[]::new)).orTimeout(120, TimeUnit.SECONDS).join();
        }
    }

    /**
     * A warm-up message that starts an activity round, then {@code messages} messages sent
     * {@link #BUSY_SPACING} apart while the round has at least {@link #BUSY_MARGIN} to run (else the
     * round is let expire and another warm-up starts one): messages in a group whose round ran lately.
     */
    private Phase busy(String id, List<Device> viewers, int messages, String label) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            view(id, viewers);
            send(id, viewers, "warm-up-" + label.replace(' ', '-') + "-" + attempt, System.nanoTime());
            quiet.await();
            long left = roundAt(id) + WINDOW.toMillis() - System.currentTimeMillis();
            if (left >= BUSY_MARGIN.toMillis() || attempt == 3) {
                break;
            }
            progress.say("W7 %s: the round has %d s left, too few for the busy messages; again after it", label, left / 1_000);
            Thread.sleep(Math.max(0, left + 1_000));
        }
        return measure(id, viewers, messages, BUSY_SPACING.multipliedBy(messages), label);
    }

    /**
     * Once the last activity round has expired, {@code messages} messages sent evenly over
     * {@link #WINDOW_SPREAD}: the first claims a round, whose pages run while the rest are delivered,
     * and the window's messages share what it costs.
     */
    private Phase window(String id, List<Device> viewers, int messages) throws InterruptedException {
        view(id, viewers);
        quiet.await();
        long expired = roundAt(id) + WINDOW.toMillis() + 1_000;
        progress.say("W7 window: waiting %d s for the last activity round to expire",
                Math.max(0, expired - System.currentTimeMillis()) / 1_000);
        Thread.sleep(Math.max(0, expired - System.currentTimeMillis()));
        return measure(id, viewers, messages, WINDOW_SPREAD, "window");
    }

    /**
     * Sends {@code messages} messages from the first viewer on a schedule over {@code spread}, each when
     * due whether or not the earlier ones have arrived (a group's members do not wait for each other),
     * then times each until every other viewer has it and prices what the cloud did meanwhile.
     */
    private Phase measure(String id, List<Device> viewers, int messages, Duration spread, String label)
            throws InterruptedException {
        long roundBefore = roundAt(id);
        long activityBefore = activityEvents.get();
        MeterReading before = reading.get();
        long cpuBefore = JvmCpu.nanos();
        Map<String, Double> motoBefore = MotoLock.stats(motoStats, NAME);
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        List<Double> completions = new ArrayList<>();
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            TimeUnit.NANOSECONDS.sleep(start + spread.toNanos() * i / messages - System.nanoTime());
            long begun = System.nanoTime();
            String clientMessageId = label.replace(' ', '-') + "-" + i;
            var reply = request(id, viewers.getFirst(), clientMessageId);
            sent.add(new Sent(begun, reply, reply.thenApply(r -> System.nanoTime()), clientMessageId));
        }
        for (Sent message : sent) {
            completions.add(completion(id, message.reply(), viewers, message.clientMessageId(), message.begun()));
        }
        Map<String, Double> motoAfter = MotoLock.stats(motoStats, NAME);
        long elapsedMillis = System.currentTimeMillis() - startMillis;
        quiet.await();
        MeterReading used = reading.get().since(before);
        String jvm = JvmCpu.perFrame(JvmCpu.nanos() - cpuBefore, used.apiGatewayOut());
        progress.say("W7 %s%s", label, jvm);
        Phase phase = measured(viewers, completions, used, activityEvents.get() - activityBefore)
                .withStages(stages(id, sent, startMillis, start) + moto(motoBefore, motoAfter, elapsedMillis) + jvm);
        long roundAfter = roundAt(id);
        // A round claimed in the measurement is claimed at once by its first message; another needs 30 s more.
        int rounds = roundAfter == roundBefore ? 0 : 1 + (int) (Math.max(0, roundAfter - startMillis) / WINDOW.toMillis());
        phase = phase.withRounds(rounds);
        progress.say("W7 %s: %d viewers, %d messages, %d round(s), $%.6f per message, completion p50 %.0f ms p99 %.0f ms",
                label, phase.viewers(), messages, rounds, phase.dollarsPerMessage(), phase.p50Millis(), phase.p99Millis());
        return phase;
    }

    /** A measured message: when its send began (nanoTime), its reply, when the reply came. */
    private record Sent(long begun, java.util.concurrent.CompletableFuture<JsonNode> reply,
                        java.util.concurrent.CompletableFuture<Long> replied, String clientMessageId) {
    }

    /** The phase's messages split into {@link DeliveryStages}, on the epoch clock ({@code startMillis} was at {@code start}). */
    private String stages(String id, List<Sent> sent, long startMillis, long start) {
        java.util.function.LongUnaryOperator epoch = nanos -> startMillis + (nanos - start) / 1_000_000;
        var deliveries = dev.parley.localenv.events.SqsDeliveryLog.sentSince(startMillis - 1_000);
        List<DeliveryStages> stages = new ArrayList<>();
        int unlogged = 0;
        for (Sent message : sent) {
            JsonNode reply = message.reply().join();
            String key = id + "#" + reply.path("seq").asLong();
            DeliveryStages one = DeliveryStages.of(id, reply.path("seq").asLong(), epoch.applyAsLong(message.begun()),
                    epoch.applyAsLong(message.replied().join()), reply.path("sentAt").asLong(),
                    epoch.applyAsLong(firstArrival.get(key)), epoch.applyAsLong(lastArrival.get(key)), deliveries);
            if (one == null) {
                unlogged++;
            } else {
                stages.add(one);
            }
        }
        String described = DeliveryStages.describe(stages, unlogged);
        progress.say("W7 stages: %s", described);
        return described;
    }

    /** moto's DynamoDB lock while the phase's messages were under way: how busy, and how long a request waited for it. */
    private static String moto(Map<String, Double> before, Map<String, Double> after, long elapsedMillis) {
        double requests = after.get("requests") - before.get("requests");
        double dynamoDb = after.get("dynamoDbRequests") - before.get("dynamoDbRequests");
        double busy = after.get("busyMillis") - before.get("busyMillis");
        double waited = after.get("waitedMillis") - before.get("waitedMillis");
        return String.format(Locale.ROOT, "; moto: %.0f requests (%.0f DynamoDB), its DynamoDB lock held %.0f%% of the %.1f s, %.1f ms"
                + " held and %.1f ms waited per DynamoDB request on average", requests, dynamoDb,
                100 * busy / Math.max(1, elapsedMillis), elapsedMillis / 1e3, busy / Math.max(1, dynamoDb), waited / Math.max(1, dynamoDb));
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
                Latency.percentile(completions, 99), messages, activity, 0);
    }

    private static java.util.concurrent.CompletableFuture<JsonNode> request(String id, Device sender, String clientMessageId) {
        return sender.request(Actions.SEND_MESSAGE, Device.fields().put("conversationId", id)
                .put("clientMessageId", "w7-" + clientMessageId).put("text", "W7 " + clientMessageId));
    }

    /** Sends one message and waits until every other viewer has it. */
    private double send(String id, List<Device> viewers, String clientMessageId, long begun) throws InterruptedException {
        return completionOrThrow(id, request(id, viewers.getFirst(), clientMessageId), viewers, clientMessageId, begun);
    }

    private double completion(String id, java.util.concurrent.CompletableFuture<JsonNode> reply, List<Device> viewers,
                              String clientMessageId, long begun) {
        try {
            return completionOrThrow(id, reply, viewers, clientMessageId, begun);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("W7: interrupted", e);
        }
    }

    /** The milliseconds from {@code begun} until the last other viewer had the message. */
    private double completionOrThrow(String id, java.util.concurrent.CompletableFuture<JsonNode> reply, List<Device> viewers,
                                     String clientMessageId, long begun) throws InterruptedException {
        String key = id + "#" + reply.orTimeout(60, TimeUnit.SECONDS).join().path("seq").asLong();
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
