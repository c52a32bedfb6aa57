package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BatchGetItem over any number of keys of one table, eventually consistent: 100 keys a call
 * (its limit), asking again, after a short pause, for keys DynamoDB left unprocessed under load.
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
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            items.addAll(chunk(dynamoDb, tableName, table, keys.subList(from, Math.min(from + MAX_KEYS, keys.size()))));
        }
        return items;
    }

    private static List<Map<String, AttributeValue>> chunk(DynamoDbClient dynamoDb, String tableName, String table,
                                                           List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, KeysAndAttributes> request = Map.of(tableName, KeysAndAttributes.builder().keys(keys).build());
        for (int round = 0; round < MAX_UNPROCESSED_ROUNDS && !request.isEmpty(); round++) {
            Map<String, KeysAndAttributes> ask = request;
            BatchGetItemResponse response = DynamoDbCalls.call(table, () -> dynamoDb.batchGetItem(get -> get.requestItems(ask)));
            items.addAll(response.responses().getOrDefault(tableName, List.of()));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            if (!request.isEmpty()) {
                pause(round, table);
            }
        }
        if (!request.isEmpty()) {
            throw new FailureException(new Failure.Unavailable(table));
        }
        return items;
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
