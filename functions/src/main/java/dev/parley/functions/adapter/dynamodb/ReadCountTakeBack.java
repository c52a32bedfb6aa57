package dev.parley.functions.adapter.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.parley.functions.adapter.dynamodb.ConversationWrites.number;

/**
 * Members leaving a large conversation taken out of its read counts ({@link DynamoDbReadCounts}),
 * in the transaction that deletes their rows: read just before it, each leaver's {@code countedSeq}
 * and their shards' horizons; the transaction then deletes each row only while its countedSeq is
 * still what was read, and ADDs -1 at it on the leaver's shard. A read counted meanwhile refuses
 * the transaction (the use case decides again and reads again); a retried removal finds no row and
 * takes nothing back twice. A position below its shard's horizon is no longer counted, so nothing
 * is written for it.
 *
 * <p>Cost: one strongly consistent BatchGetItem of the leavers' rows and their shards (one call for
 * both tables; 1 read unit each), and in the transaction one update per shard with a leaver
 * counted (2 write units, at most {@value DynamoDbReadCounts#SHARDS}).
 */
final class ReadCountTakeBack {
    private static final String TABLES = "messages and memberships tables";
    /** Nobody taken back: for changes that take nobody out of a large conversation. */
    static final ReadCountTakeBack NONE = new ReadCountTakeBack(Map.of(), List.of());

    /** Each leaver with a row: where they are counted, 0 for nowhere. */
    private final Map<String, Long> countedAt;
    private final List<TransactWriteItem> shardUpdates;

    private ReadCountTakeBack(Map<String, Long> countedAt, List<TransactWriteItem> shardUpdates) {
        this.countedAt = countedAt;
        this.shardUpdates = shardUpdates;
    }

    static ReadCountTakeBack read(DynamoDbClient dynamoDb, String messagesTable, String membershipsTable,
                                  String conversationId, Collection<String> userIds) {
        List<Map<String, AttributeValue>> rowKeys = userIds.stream().distinct()
                .map(userId -> ConversationWrites.membershipKey(userId, conversationId)).toList();
        List<Map<String, AttributeValue>> shardKeys = userIds.stream().map(DynamoDbReadCounts::shardOf).distinct()
                .map(shard -> DynamoDbReadCounts.shardKey(conversationId, shard)).toList();
        Map<String, List<Map<String, AttributeValue>>> found = BatchGet.items(dynamoDb, TABLES,
                Map.of(membershipsTable, rowKeys, messagesTable, shardKeys), true);
        Map<String, Long> countedAt = new HashMap<>();
        found.getOrDefault(membershipsTable, List.of()).forEach(row -> countedAt.put(
                row.get(DynamoDbConversationRepository.USER_ID).s(), DynamoDbReadCounts.countedSeq(row)));
        Map<Integer, Long> horizons = new HashMap<>();
        found.getOrDefault(messagesTable, List.of()).forEach(shard -> horizons.put(
                DynamoDbReadCounts.shardNumber(shard), DynamoDbReadCounts.horizon(shard)));
        Map<Integer, Map<Long, Long>> takenBack = new TreeMap<>();
        countedAt.forEach((userId, seq) -> {
            int shard = DynamoDbReadCounts.shardOf(userId);
            if (seq > 0 && seq >= horizons.getOrDefault(shard, 0L)) {
                takenBack.computeIfAbsent(shard, s -> new TreeMap<>()).merge(seq, 1L, Long::sum);
            }
        });
        List<TransactWriteItem> updates = new ArrayList<>();
        takenBack.forEach((shard, positions) -> updates.add(shardUpdate(messagesTable, conversationId, shard, positions)));
        return new ReadCountTakeBack(countedAt, updates);
    }

    /** ADD -n at each position n leavers of the shard were counted at. */
    private static TransactWriteItem shardUpdate(String messagesTable, String conversationId, int shard, Map<Long, Long> positions) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        positions.forEach((seq, leavers) -> {
            int i = adds.size();
            names.put("#p" + i, DynamoDbReadCounts.position(seq));
            values.put(":m" + i, number(-leavers));
            adds.add("#p" + i + " :m" + i);
        });
        return TransactWriteItem.builder().update(update -> update
                .tableName(messagesTable)
                .key(DynamoDbReadCounts.shardKey(conversationId, shard))
                .updateExpression("ADD " + String.join(", ", adds))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)).build();
    }

    /** Where the leaver's row said they were counted (0: nowhere), or null when they had no row. */
    Long countedAt(String userId) {
        return countedAt.get(userId);
    }

    List<TransactWriteItem> shardUpdates() {
        return shardUpdates;
    }
}
