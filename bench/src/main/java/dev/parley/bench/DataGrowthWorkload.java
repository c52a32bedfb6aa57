package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository;
import dev.parley.functions.domain.conversation.ConversationTails.Read;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W9: the local cloud's latency as data grows. At each level (0, 10,000, 100,000 messages stored
 * in the messages table) a fresh two-member group of two connected devices is measured:
 * p50 of the send path's Query (the repository's own tail read, newest first, header plus
 * {@link Limits#DEDUPE_WINDOW} messages) and p50 of a whole sendMessage, request frame to reply
 * frame over the real socket.
 *
 * <p>The stored messages are bulk-loaded straight into the messages table with BatchWriteItem
 * (25 items a call, four callers at once): item for item what a send stores, without the cost of
 * 100,000 sends through the gateway. A tenth of each level goes into the conversation measured at
 * that level (seq 1 up, so its live sends continue after them), the rest into filler
 * conversations of 1,000 messages.
 *
 * <p>Target (issue 18): p50 at the top level within 1.5 times the p50 on the empty cloud, for the
 * Query and for the send. Both levels warm up first (JIT, connection pools).
 */
final class DataGrowthWorkload {
    static final String NAME = "W9";
    static final double MAX_GROWTH = 1.5;
    private static final int BATCH = 25;
    private static final int LOADERS = 4;
    private static final int FILLER_CONVERSATION = 1_000;
    private static final int WARM_UP = 10;
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    record Level(long storedMessages, long conversationMessages, double queryP50, double sendP50, int sends) {
    }

    private final Fleet fleet;
    private final DynamoDbClient dynamoDb;
    private final String messagesTable;
    private final Progress progress;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();

    DataGrowthWorkload(Fleet fleet, DynamoDbClient dynamoDb, String messagesTable, Progress progress) {
        this.fleet = fleet;
        this.dynamoDb = dynamoDb;
        this.messagesTable = messagesTable;
        this.progress = progress;
    }

    List<Level> run(BenchUser first, BenchUser second, List<Long> levels, int querySamples, int sendSamples)
            throws InterruptedException {
        List<Device> devices = fleet.connect(NAME, List.of(first, second));
        List<Level> measured = new ArrayList<>();
        try {
            int round = 0;
            for (long level : levels) {
                ChatRoom room = fleet.group(devices);
                long own = level / 10;
                load(room.conversationId(), 1, own, first);
                long filler = 0;
                while (stored.get() < level) {
                    long count = Math.min(FILLER_CONVERSATION, level - stored.get());
                    load("w9-filler-" + round + "-" + filler++, 1, count, first);
                }
                round++;
                measured.add(measure(room, level, own, devices.getFirst(), querySamples, sendSamples));
            }
        } finally {
            fleet.close(devices);
        }
        return measured;
    }

    private Level measure(ChatRoom room, long level, long own, Device sender, int querySamples, int sendSamples) {
        DynamoDbMessageRepository repository = new DynamoDbMessageRepository(dynamoDb, messagesTable);
        for (int i = 0; i < WARM_UP; i++) {
            repository.tail(room.conversationId(), Limits.DEDUPE_WINDOW, Read.EVENTUALLY_CONSISTENT);
            send(room, sender);
        }
        List<Double> queries = new ArrayList<>();
        for (int i = 0; i < querySamples; i++) {
            long start = System.nanoTime();
            repository.tail(room.conversationId(), Limits.DEDUPE_WINDOW, Read.EVENTUALLY_CONSISTENT)
                    .orElseThrow(() -> new IllegalStateException("W9: the measured conversation has no header"));
            queries.add((System.nanoTime() - start) / 1e6);
        }
        List<Double> sends = new ArrayList<>();
        for (int i = 0; i < sendSamples; i++) {
            sends.add(send(room, sender));
        }
        Level result = new Level(level, own, Latency.percentile(queries, 50), Latency.percentile(sends, 50), sends.size());
        progress.say("W9 at %,d stored messages: Query p50 %.1f ms, sendMessage p50 %.1f ms", level, result.queryP50(),
                result.sendP50());
        return result;
    }

    /** One sendMessage; milliseconds from request to reply. Counted into the table's total. */
    private double send(ChatRoom room, Device sender) {
        var fields = Device.fields().put("conversationId", room.conversationId())
                .put("clientMessageId", "w9-" + ids.incrementAndGet()).put("text", "W9 live message");
        long start = System.nanoTime();
        try {
            JsonNode reply = sender.request(Actions.SEND_MESSAGE, fields).get(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!reply.path("seq").canConvertToLong()) {
                throw new IllegalStateException("a sendMessage reply without a seq: " + reply);
            }
        } catch (Exception e) {
            throw new IllegalStateException("W9: sendMessage failed: " + e.getMessage(), e);
        }
        stored.incrementAndGet();
        return (System.nanoTime() - start) / 1e6;
    }

    /** Messages seq {@code from} .. {@code from + count - 1} of a conversation, BatchWriteItem by 25. */
    private void load(String conversationId, long from, long count, BenchUser sender) throws InterruptedException {
        if (count == 0) {
            return;
        }
        try (ExecutorService loaders = Executors.newFixedThreadPool(LOADERS);
             AutoCloseable ticker = progress.every2Seconds(() -> "W9: %,d messages stored".formatted(stored.get()))) {
            List<Future<?>> batches = new ArrayList<>();
            for (long seq = from; seq < from + count; seq += BATCH) {
                long first = seq;
                long last = Math.min(from + count, seq + BATCH);
                batches.add(loaders.submit(() -> write(conversationId, first, last, sender)));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("W9: bulk load failed: " + e.getMessage(), e);
        }
    }

    private void write(String conversationId, long first, long end, BenchUser sender) {
        List<WriteRequest> puts = new ArrayList<>();
        for (long seq = first; seq < end; seq++) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("conversationId", AttributeValue.fromS(conversationId));
            item.put("seq", AttributeValue.fromN(Long.toString(seq)));
            item.put("senderId", AttributeValue.fromS(sender.userId()));
            item.put("senderDeviceId", AttributeValue.fromS(Device.DEVICE_ID));
            item.put("clientMessageId", AttributeValue.fromS("w9-bulk-" + conversationId + "-" + seq));
            item.put("sentAt", AttributeValue.fromN(Long.toString(1_700_000_000_000L + seq)));
            item.put("text", AttributeValue.fromS("A stored message of the W9 bulk load, about as long as a chat line."));
            puts.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
        }
        Map<String, List<WriteRequest>> pending = Map.of(messagesTable, puts);
        while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> request = pending;
            pending = dynamoDb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
        }
        stored.addAndGet(end - first);
    }

    static List<Targets.Check> check(List<Level> levels) {
        String target = "local cloud p50 at the most stored messages within %.1fx the p50 on an empty cloud".formatted(MAX_GROWTH);
        if (levels.size() < 2 || levels.getFirst().storedMessages() != 0) {
            return List.of(new Targets.Check(target, NAME, "no data: needs the empty level and a higher one", Targets.Status.FAIL));
        }
        Level empty = levels.getFirst();
        Level full = levels.getLast();
        return List.of(
                growth("Query: " + target, empty.queryP50(), full.queryP50(), full.storedMessages()),
                growth("sendMessage: " + target, empty.sendP50(), full.sendP50(), full.storedMessages()));
    }

    private static Targets.Check growth(String target, double empty, double full, long stored) {
        double ratio = full / empty;
        return new Targets.Check(target, NAME, "%.1f ms at 0, %.1f ms at %,d (x%s)".formatted(empty, full, stored,
                Targets.format(ratio)), Double.isFinite(ratio) && ratio <= MAX_GROWTH ? Targets.Status.PASS : Targets.Status.FAIL);
    }

    static String table(List<Level> levels) {
        StringBuilder out = new StringBuilder("\nW9: local cloud latency as data grows (p50, ms)\n");
        out.append("  %12s  %14s  %10s  %12s  %6s%n".formatted("stored msgs", "in measured conv", "Query", "sendMessage", "sends"));
        for (Level level : levels) {
            out.append(String.format(Locale.ROOT, "  %,12d  %14d  %10.1f  %12.1f  %6d%n", level.storedMessages(),
                    level.conversationMessages(), level.queryP50(), level.sendP50(), level.sends()));
        }
        return out.toString();
    }
}
