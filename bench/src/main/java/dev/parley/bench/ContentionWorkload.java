package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W8: {@code senders} members of one group send into it at the same moment, each its
 * {@code perSender} messages one after another (a person waits for the reply before the next),
 * like a busy group chat. A send answered UNAVAILABLE is counted and retried with the same
 * clientMessageId, as the protocol asks of clients.
 *
 * <p>On either {@link Tier}: a small group of the senders alone (inline fan-out, every member's row
 * moved per message), or a large one, grown past {@code MAX_MEMBERS} by one addMembers of
 * {@link #LARGE_FILLERS} users without a socket (the real switch), whose senders all view it so that
 * each gets the others' messages live, as in the small group, but through the fan-out queue.
 *
 * <p>Before the measured messages, each sender sends {@code warmUp} messages into a conversation of their own of the
 * same tier, not counted (10 by default, {@code --w8-warm-up}): the local cloud runs in one JVM, and without them W8
 * measured mostly the JIT compiling its hot paths in the first seconds.
 *
 * <p>Measured: messages stored per second (first request to last reply), reply p50/p99 over every
 * attempt, UNAVAILABLE count, the conditional puts of the messages table that lost their seq race
 * per stored message ({@link ConditionalWriteMeter}), and where moto's time went: the share of the
 * wall time moto held its one lock, and the mean wait for it per request (moto_serial.py's
 * {@code /_parley/stats}). Moto's requests and the CPU are counted until the local cloud is quiet
 * after the last reply, so a large group's queued fan-out is in them. Afterwards the conversation
 * is read back: seqs 1..N without a gap, each clientMessageId stored once.
 *
 * <p>Targets (issue 18): at least 50 messages per second, reply p99 at most 1 s, no UNAVAILABLE.
 */
final class ContentionWorkload {
    static final String NAME = "W8";
    /** Members without a socket added to the senders' group to make it large: 20 + 60 passes the 64 of a small group. */
    static final int LARGE_FILLERS = 60;
    static final double MIN_MESSAGES_PER_SECOND = 50;
    static final double MAX_P99_MILLIS = 1_000;
    private static final int MAX_RETRIES = 5;
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    /** Which tier of conversation the senders share. */
    enum Tier {
        SMALL, LARGE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Tier parse(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * @param seconds        from the first request to the last reply: what messages per second count
     * @param settledSeconds from the first request until the local cloud was quiet: moto's figures and the CPU count
     *                       over it, a large group's queued fan-out included
     * @param awsCalls       the functions' AWS calls by operation over the same time, and the SQS event sources' requests
     */
    record Result(Tier tier, int members, int senders, int stored, int expected, double seconds, double settledSeconds,
                  double replyP50, double replyP99, int unavailable, int otherFailures, double refusedPutsPerMessage,
                  double motoBusyShare, double motoWaitPerRequestMillis, long motoRequests, boolean gaplessExactlyOnce,
                  String storageProblem, double loadAverage, double motoCpuMillis, double jvmCpuMillis,
                  Map<String, Long> awsCalls) {

        double messagesPerSecond() {
            return stored / seconds;
        }

        /** CPU time a stored message cost moto's process, or this JVM (the local cloud's gateway and handlers, the clients). */
        double cpuMillisPerMessage(double cpuMillis) {
            return cpuMillis / Math.max(1, stored);
        }
    }

    private final Fleet fleet;
    private final DynamoDbClient dynamoDb;
    private final String messagesTable;
    private final URI motoStats;
    private final Progress progress;
    private final LargeGroupWorkload.Reading quietReading;

    /** @param quietReading waits until the local cloud is quiet, then reads the meters (the AWS calls by operation) */
    ContentionWorkload(Fleet fleet, DynamoDbClient dynamoDb, String messagesTable, URI motoStats, Progress progress,
                       LargeGroupWorkload.Reading quietReading) {
        this.fleet = fleet;
        this.quietReading = quietReading;
        this.dynamoDb = dynamoDb;
        this.messagesTable = messagesTable;
        this.motoStats = motoStats;
        this.progress = progress;
    }

    /**
     * @param warmUp messages per sender sent first into a conversation of their own of the same tier, not
     *               counted: the local cloud's JVM compiles its hot paths during them, so the measured
     *               messages show its steady state rather than its first seconds
     */
    Result run(List<BenchUser> users, int perSender, int warmUp, Tier tier) throws InterruptedException {
        List<Device> devices = fleet.connect(NAME, users);
        try {
            if (warmUp > 0) {
                ChatRoom warmRoom = room(devices, tier);
                AtomicInteger warmFailures = new AtomicInteger();
                Set<String> warmStored = Collections.synchronizedSet(new HashSet<>());
                long[] warmWindow = sendAll(warmRoom, devices, warmUp, "w8-warm-", tier.label() + " warm-up",
                        Collections.synchronizedList(new ArrayList<>()), warmStored, new AtomicInteger(), warmFailures);
                progress.say("W8 %s warm-up: %d/%d stored in %.1f s, %d failed (not counted)", tier.label(), warmStored.size(),
                        devices.size() * warmUp, (warmWindow[1] - warmWindow[0]) / 1e9, warmFailures.get());
            }
            ChatRoom room = room(devices, tier);
            int members = devices.size() + (tier == Tier.LARGE ? fillersFor(devices.size()) : 0);
            MeterReading before = quietReading.get();
            List<Double> replies = Collections.synchronizedList(new ArrayList<>());
            Set<String> stored = Collections.synchronizedSet(new HashSet<>());
            AtomicInteger unavailable = new AtomicInteger();
            AtomicInteger otherFailures = new AtomicInteger();
            long refusedBefore = refusedPuts();
            Map<String, Double> motoBefore = motoStats();
            long jvmCpuBefore = JvmCpu.nanos();
            long[] window = sendAll(room, devices, perSender, "w8-", tier.label(), replies, stored, unavailable, otherFailures);
            double seconds = (window[1] - window[0]) / 1e9;
            MeterReading used = quietReading.get().since(before);
            double settledSeconds = (System.nanoTime() - window[0]) / 1e9;
            double jvmCpuMillis = (JvmCpu.nanos() - jvmCpuBefore) / 1e6;
            Map<String, Double> motoAfter = motoStats();
            double busy = motoAfter.get("busyMillis") - motoBefore.get("busyMillis");
            double waited = motoAfter.get("waitedMillis") - motoBefore.get("waitedMillis");
            double requests = motoAfter.get("requests") - motoBefore.get("requests");
            double dynamoDbRequests = motoAfter.get("dynamoDbRequests") - motoBefore.get("dynamoDbRequests");
            String problem = storageProblem(room.conversationId(), stored);
            Result result = new Result(tier, members, devices.size(), stored.size(), devices.size() * perSender, seconds,
                    settledSeconds, Latency.percentile(replies, 50), Latency.percentile(replies, 99), unavailable.get(), otherFailures.get(),
                    (refusedPuts() - refusedBefore) / (double) Math.max(1, stored.size()), busy / (settledSeconds * 1000),
                    waited / Math.max(1, dynamoDbRequests), (long) requests, problem == null, problem,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    motoAfter.get("cpuMillis") - motoBefore.get("cpuMillis"), jvmCpuMillis, calls(used));
            progress.say("W8 %s: %.1f messages/s, reply p50 %.0f ms p99 %.0f ms, %d UNAVAILABLE", tier.label(),
                    result.messagesPerSecond(), result.replyP50(), result.replyP99(), result.unavailable());
            return result;
        } finally {
            fleet.close(devices);
        }
    }

    /** A group of the senders, made large and viewed by them for {@link Tier#LARGE}. */
    private ChatRoom room(List<Device> devices, Tier tier) {
        ChatRoom room = fleet.group(devices);
        if (tier == Tier.LARGE) {
            growPastSmall(room);
            view(room);
        }
        return room;
    }

    /**
     * Every device sends its {@code perSender} messages one after another, all devices at once from the same
     * moment; the nanoTime window from that moment to the last reply.
     */
    private long[] sendAll(ChatRoom room, List<Device> devices, int perSender, String idPrefix, String label,
                           List<Double> replies, Set<String> stored, AtomicInteger unavailable, AtomicInteger otherFailures) {
        CountDownLatch start = new CountDownLatch(1);
        long[] window = new long[2];
        // The ticker first, so it is closed last: closing the pool is what waits for the senders.
        try (AutoCloseable ticker = progress.every2Seconds(() -> "W8 %s: %d/%d stored, %d UNAVAILABLE".formatted(
                     label, stored.size(), devices.size() * perSender, unavailable.get()));
             ExecutorService senders = Executors.newFixedThreadPool(devices.size())) {
            for (int s = 0; s < devices.size(); s++) {
                Device sender = devices.get(s);
                int senderIndex = s;
                senders.execute(() -> {
                    awaitQuietly(start);
                    for (int i = 0; i < perSender; i++) {
                        String id = idPrefix + senderIndex + "-" + i;
                        if (sendUntilStored(room, sender, id, replies, unavailable, otherFailures)) {
                            stored.add(id);
                        }
                    }
                });
            }
            window[0] = System.nanoTime();
            start.countDown();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        window[1] = System.nanoTime();
        return window;
    }

    /** The functions' calls by operation, and the event sources' SQS receives and deletes as one more entry. */
    private static Map<String, Long> calls(MeterReading used) {
        Map<String, Long> calls = new java.util.TreeMap<>(used.awsCalls());
        long eventSources = used.sqsRequests() - calls.entrySet().stream()
                .filter(e -> e.getKey().toLowerCase(Locale.ROOT).startsWith("sqs/")).mapToLong(Map.Entry::getValue).sum();
        if (eventSources > 0) {
            calls.put("sqs/event sources", eventSources);
        }
        return calls;
    }

    /** The calls a stored message made, most first: "dynamodb/Query 7.2, ...". */
    static String callsPerMessage(Result r) {
        return r.awsCalls().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() / (double) Math.max(1, r.stored())))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Adds {@link #fillersFor} users to the group in one addMembers, {@link #LARGE_FILLERS} or as many more as
     * fewer senders need to pass {@code MAX_MEMBERS}, which makes it large.
     */
    private static void growPastSmall(ChatRoom room) {
        var ids = Device.fields().arrayNode();
        int fillers = fillersFor(room.members().size());
        for (int i = 0; i < fillers; i++) {
            ids.add("w8-filler-" + UUID.randomUUID());
        }
        JsonNode reply = join(room.members().getFirst().request(Actions.ADD_MEMBERS,
                Device.fields().put("conversationId", room.conversationId()).set("userIds", ids)));
        String tier = reply.path("conversation").path("tier").asText();
        if (!"large".equals(tier)) {
            throw new IllegalStateException("W8: the group did not become large past " + Limits.MAX_MEMBERS + " members: " + reply);
        }
    }

    /** Users without a socket that make a group of {@code senders} large: {@link #LARGE_FILLERS}, or more for few senders. */
    static int fillersFor(int senders) {
        return Math.max(LARGE_FILLERS, Limits.MAX_MEMBERS + 1 - senders);
    }

    /** Every sender views the group (for 300 s, longer than a run), so the fan-out posts each message to the others live. */
    private static void view(ChatRoom room) {
        room.members().stream().map(device -> device.request(Actions.VIEW_CONVERSATION,
                        Device.fields().put("conversationId", room.conversationId()).put("ttlSeconds", 300)))
                .toList().forEach(ContentionWorkload::join);
    }

    private static JsonNode join(java.util.concurrent.CompletableFuture<JsonNode> reply) {
        return reply.orTimeout(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Sends, retrying UNAVAILABLE with the same clientMessageId; true once a reply with a seq came. */
    private static boolean sendUntilStored(ChatRoom room, Device sender, String clientMessageId, List<Double> replies,
                                           AtomicInteger unavailable, AtomicInteger otherFailures) {
        for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
            var fields = Device.fields().put("conversationId", room.conversationId())
                    .put("clientMessageId", clientMessageId).put("text", "W8 " + clientMessageId);
            long begun = System.nanoTime();
            try {
                JsonNode reply = sender.request(Actions.SEND_MESSAGE, fields).get(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                replies.add((System.nanoTime() - begun) / 1e6);
                return reply.path("seq").canConvertToLong();
            } catch (Exception e) {
                replies.add((System.nanoTime() - begun) / 1e6);
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (cause instanceof Device.ErrorFrame frame && frame.getMessage().contains("\"UNAVAILABLE\"")) {
                    unavailable.incrementAndGet();
                    continue;
                }
                otherFailures.incrementAndGet();
                return false;
            }
        }
        return false;
    }

    /** Null when the conversation holds seqs 1..N, N = stored sends, each clientMessageId once; else what is wrong. */
    private String storageProblem(String conversationId, Set<String> stored) {
        List<Long> seqs = new ArrayList<>();
        Map<String, Integer> copies = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(q -> q.tableName(messagesTable).consistentRead(true)
                    .keyConditionExpression("conversationId = :c AND seq < :header")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(conversationId),
                            ":header", AttributeValue.fromN("9007199254740991")))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> {
                seqs.add(Long.parseLong(item.get("seq").n()));
                copies.merge(item.get("clientMessageId").s(), 1, Integer::sum);
            });
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        for (int i = 0; i < seqs.size(); i++) {
            if (seqs.get(i) != i + 1) {
                return "seq %d where %d was due".formatted(seqs.get(i), i + 1);
            }
        }
        List<String> twice = copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        if (!twice.isEmpty()) {
            return "stored more than once: " + twice.subList(0, Math.min(3, twice.size()));
        }
        if (!copies.keySet().equals(stored)) {
            return "%d messages stored, %d sends answered with a seq".formatted(copies.size(), stored.size());
        }
        return null;
    }

    private long refusedPuts() {
        return ConditionalWriteMeter.snapshot().getOrDefault(messagesTable, 0L);
    }

    private Map<String, Double> motoStats() {
        return MotoLock.stats(motoStats, "W8");
    }

    private static void awaitQuietly(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<Targets.Check> check(Result r) {
        Targets.Status stored = r.gaplessExactlyOnce() && r.stored() == r.expected() ? Targets.Status.PASS : Targets.Status.FAIL;
        String group = "one %s group (%d members)".formatted(r.tier().label(), r.members());
        return List.of(
                new Targets.Check("%d senders into %s store at least %.0f messages per second".formatted(
                        r.senders(), group, MIN_MESSAGES_PER_SECOND), NAME,
                        "%s per second (%d in %s s)".formatted(Targets.format(r.messagesPerSecond()), r.stored(),
                                Targets.format(r.seconds())),
                        r.messagesPerSecond() >= MIN_MESSAGES_PER_SECOND ? Targets.Status.PASS : Targets.Status.FAIL),
                new Targets.Check("reply p99 at most 1 s with %d concurrent senders into %s".formatted(r.senders(), group), NAME,
                        "p50 %.0f ms, p99 %.0f ms".formatted(r.replyP50(), r.replyP99()),
                        r.replyP99() <= MAX_P99_MILLIS ? Targets.Status.PASS : Targets.Status.FAIL),
                new Targets.Check("no UNAVAILABLE with %d concurrent senders into %s".formatted(r.senders(), group), NAME,
                        "%d UNAVAILABLE, %d other failures".formatted(r.unavailable(), r.otherFailures()),
                        r.unavailable() == 0 && r.otherFailures() == 0 ? Targets.Status.PASS : Targets.Status.FAIL),
                new Targets.Check("every message stored once, seqs gapless, in %s".formatted(group), NAME,
                        "%d/%d stored%s".formatted(r.stored(), r.expected(),
                                r.storageProblem() == null ? "" : "; " + r.storageProblem()), stored));
    }

    static String table(Result r) {
        return String.format(Locale.ROOT, """

                W8: %d concurrent senders into one %s group of %d members (%s), %d messages
                  stored per second       %.1f
                  reply p50 / p99         %.0f / %.0f ms
                  UNAVAILABLE             %d (other failures %d)
                  refused seq puts        %.2f per stored message
                  moto DynamoDB lock      held %.0f%% of the %.1f s until quiet; %,d requests (%.1f per stored message, %.0f a second), mean wait for the lock %.1f ms a DynamoDB request
                  AWS calls per message   %s
                  CPU per stored message  moto %.0f ms (%.2f ms a request), this JVM %.0f ms (gateway, handlers, clients)
                  load average            %.2f (1 min, at the end; %d cores)
                """, r.senders(), r.tier().label(), r.members(), r.tier() == Tier.SMALL ? "inline fan-out"
                        : "queued fan-out, the senders viewing it", r.expected(), r.messagesPerSecond(), r.replyP50(), r.replyP99(), r.unavailable(),
                r.otherFailures(), r.refusedPutsPerMessage(), r.motoBusyShare() * 100, r.settledSeconds(), r.motoRequests(),
                r.motoRequests() / (double) Math.max(1, r.stored()), r.motoRequests() / r.settledSeconds(),
                r.motoWaitPerRequestMillis(), callsPerMessage(r), r.cpuMillisPerMessage(r.motoCpuMillis()),
                r.motoCpuMillis() / Math.max(1, r.motoRequests()), r.cpuMillisPerMessage(r.jvmCpuMillis()), r.loadAverage(),
                Runtime.getRuntime().availableProcessors());
    }
}
