package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BatchWriteItem in chunks of 25 (its limit), writing again what DynamoDB left unprocessed with a
 * short backoff; still unprocessed after a few rounds is {@link Failure.Unavailable}. Unconditional
 * writes only: BatchWriteItem takes no conditions.
 */
final class BatchWrite {
    static final int MAX_ITEMS = 25;
    private static final int MAX_UNPROCESSED_ROUNDS = 5;
    private static final String TABLE = "keys table";

    private BatchWrite() {
    }

    static void puts(DynamoDbClient dynamoDb, String tableName, List<Map<String, AttributeValue>> items) {
        write(dynamoDb, tableName, items.stream()
                .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                .toList());
    }

    static void deletes(DynamoDbClient dynamoDb, String tableName, List<Map<String, AttributeValue>> keys) {
        write(dynamoDb, tableName, keys.stream()
                .map(key -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build())
                .toList());
    }

    private static void write(DynamoDbClient dynamoDb, String tableName, List<WriteRequest> requests) {
        for (int from = 0; from < requests.size(); from += MAX_ITEMS) {
            List<WriteRequest> chunk = new ArrayList<>(requests.subList(from, Math.min(requests.size(), from + MAX_ITEMS)));
            for (int round = 0; !chunk.isEmpty(); round++) {
                if (round == MAX_UNPROCESSED_ROUNDS) {
                    throw new FailureException(new Failure.Unavailable(TABLE));
                }
                if (round > 0) {
                    pause(round);
                }
                List<WriteRequest> ask = List.copyOf(chunk);
                BatchWriteItemResponse response = DynamoDbCalls.call(TABLE, () -> dynamoDb.batchWriteItem(write -> write
                        .requestItems(Map.of(tableName, ask))));
                chunk = response.hasUnprocessedItems() ? new ArrayList<>(response.unprocessedItems().getOrDefault(tableName, List.of()))
                        : List.of();
            }
        }
    }

    private static void pause(int round) {
        try {
            Thread.sleep(25L << round);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FailureException(new Failure.Unavailable(TABLE), e);
        }
    }
}
