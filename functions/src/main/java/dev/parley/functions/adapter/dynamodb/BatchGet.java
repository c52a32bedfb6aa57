package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BatchGetItem over any number of keys of one table, or of several tables in the same calls,
 * eventually consistent: 100 keys a call (its limit), asking again, after a short pause, for keys
 * DynamoDB left unprocessed under load.
 */
final class BatchGet {
    /** BatchGetItem's limit on keys per call. */
    static final int MAX_KEYS = 100;
    private static final int MAX_UNPROCESSED_ROUNDS = 5;

    private BatchGet() {
    }

    /**
     * The items that exist, in no particular order.
     *
     * @param table the table's role for failures, such as "users table"
     */
    static List<Map<String, AttributeValue>> items(DynamoDbClient dynamoDb, String tableName, String table,
                                                   List<Map<String, AttributeValue>> keys) {
        return items(dynamoDb, tableName, table, keys, false);
    }

    /** As {@link #items(DynamoDbClient, String, String, List)}, strongly consistent when {@code consistent} (twice the read units). */
    static List<Map<String, AttributeValue>> items(DynamoDbClient dynamoDb, String tableName, String table,
                                                   List<Map<String, AttributeValue>> keys, boolean consistent) {
        return items(dynamoDb, tableName, table, keys, consistent, null);
    }

    /**
     * Eventually consistent, each item cut to {@code projection} (attribute names, comma-separated, none of
     * them reserved words); read units are charged by the whole item's size all the same.
     */
    static List<Map<String, AttributeValue>> projected(DynamoDbClient dynamoDb, String tableName, String table,
                                                       List<Map<String, AttributeValue>> keys, String projection) {
        return items(dynamoDb, tableName, table, keys, false, projection);
    }

    private static List<Map<String, AttributeValue>> items(DynamoDbClient dynamoDb, String tableName, String table,
                                                           List<Map<String, AttributeValue>> keys, boolean consistent,
                                                           String projection) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            Map<String, List<Map<String, AttributeValue>>> found = new HashMap<>();
            KeysAndAttributes chunk = KeysAndAttributes.builder().keys(keys.subList(from, Math.min(from + MAX_KEYS, keys.size())))
                    .consistentRead(consistent ? Boolean.TRUE : null).projectionExpression(projection).build();
            read(dynamoDb, table, Map.of(tableName, chunk), found);
            items.addAll(found.getOrDefault(tableName, List.of()));
        }
        return items;
    }

    /**
     * The items that exist of several tables, per table name, read together: each call asks for up to
     * 100 keys of any of the tables, so a few keys of two tables cost one call.
     *
     * @param table the tables' role for failures
     */
    static Map<String, List<Map<String, AttributeValue>>> items(DynamoDbClient dynamoDb, String table,
                                                                Map<String, List<Map<String, AttributeValue>>> keysByTable) {
        return items(dynamoDb, table, keysByTable, false);
    }

    /** As {@link #items(DynamoDbClient, String, Map)}, strongly consistent when {@code consistent} (twice the read units). */
    static Map<String, List<Map<String, AttributeValue>>> items(DynamoDbClient dynamoDb, String table,
                                                                Map<String, List<Map<String, AttributeValue>>> keysByTable,
                                                                boolean consistent) {
        Map<String, List<Map<String, AttributeValue>>> items = new HashMap<>();
        Map<String, List<Map<String, AttributeValue>>> chunk = new LinkedHashMap<>();
        int size = 0;
        for (Map.Entry<String, List<Map<String, AttributeValue>>> entry : keysByTable.entrySet()) {
            for (Map<String, AttributeValue> key : entry.getValue()) {
                chunk.computeIfAbsent(entry.getKey(), name -> new ArrayList<>()).add(key);
                if (++size == MAX_KEYS) {
                    read(dynamoDb, table, chunk, items, consistent);
                    chunk = new LinkedHashMap<>();
                    size = 0;
                }
            }
        }
        if (size > 0) {
            read(dynamoDb, table, chunk, items, consistent);
        }
        return items;
    }

    private static void read(DynamoDbClient dynamoDb, String table, Map<String, List<Map<String, AttributeValue>>> keys,
                             Map<String, List<Map<String, AttributeValue>>> items, boolean consistent) {
        Map<String, KeysAndAttributes> request = new HashMap<>();
        keys.forEach((name, of) -> request.put(name, KeysAndAttributes.builder().keys(of).consistentRead(consistent ? Boolean.TRUE : null).build()));
        read(dynamoDb, table, request, items);
    }

    private static void read(DynamoDbClient dynamoDb, String table, Map<String, KeysAndAttributes> asked,
                             Map<String, List<Map<String, AttributeValue>>> items) {
        Map<String, KeysAndAttributes> request = new HashMap<>(asked);
        for (int round = 0; round < MAX_UNPROCESSED_ROUNDS && !request.isEmpty(); round++) {
            Map<String, KeysAndAttributes> ask = Map.copyOf(request);
            BatchGetItemResponse response = DynamoDbCalls.call(table, () -> dynamoDb.batchGetItem(get -> get.requestItems(ask)));
            response.responses().forEach((name, found) -> items.computeIfAbsent(name, n -> new ArrayList<>()).addAll(found));
            request.clear();
            if (response.hasUnprocessedKeys()) {
                request.putAll(response.unprocessedKeys());
            }
            if (!request.isEmpty()) {
                pause(round, table);
            }
        }
        if (!request.isEmpty()) {
            throw new FailureException(new Failure.Unavailable(table));
        }
    }

    private static void pause(int round, String table) {
        try {
            Thread.sleep(25L << round);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FailureException(new Failure.Unavailable(table), e);
        }
    }
}
