package dev.parley.functions.adapter.dynamodb;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** BatchGetItem over two tables at once: 100 keys a call, whatever their table, and unprocessed keys asked again. */
class BatchGetTest {

    private static Map<String, AttributeValue> key(String userId) {
        return Map.of("userId", AttributeValue.fromS(userId));
    }

    /** Answers every key as an item, except that the first call leaves its last key of each table unprocessed. */
    private static final class Throttled implements DynamoDbClient {
        final List<Map<String, Integer>> calls = new ArrayList<>();

        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            Map<String, Integer> sizes = new HashMap<>();
            Map<String, List<Map<String, AttributeValue>>> found = new HashMap<>();
            Map<String, KeysAndAttributes> unprocessed = new HashMap<>();
            request.requestItems().forEach((table, keys) -> {
                sizes.put(table, keys.keys().size());
                List<Map<String, AttributeValue>> all = keys.keys();
                if (calls.isEmpty()) {
                    unprocessed.put(table, KeysAndAttributes.builder().keys(all.getLast()).build());
                    all = all.subList(0, all.size() - 1);
                }
                found.put(table, all);
            });
            calls.add(sizes);
            return BatchGetItemResponse.builder().responses(found).unprocessedKeys(unprocessed).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void a_few_keys_of_two_tables_take_one_call_and_unprocessed_keys_are_asked_again() {
        Throttled dynamoDb = new Throttled();

        Map<String, List<Map<String, AttributeValue>>> items = BatchGet.items(dynamoDb, "tables",
                Map.of("connections", List.of(key("alice"), key("bob")), "devices", List.of(key("alice"), key("bob"))));

        assertThat(items.get("connections")).containsExactlyInAnyOrder(key("alice"), key("bob"));
        assertThat(items.get("devices")).containsExactlyInAnyOrder(key("alice"), key("bob"));
        assertThat(dynamoDb.calls).containsExactly(Map.of("connections", 2, "devices", 2), Map.of("connections", 1, "devices", 1));
    }

    @Test
    void keys_of_two_tables_are_read_100_a_call_in_all() {
        Throttled dynamoDb = new Throttled();
        List<Map<String, AttributeValue>> keys = IntStream.range(0, 60).mapToObj(i -> key("user-" + i)).toList();

        Map<String, List<Map<String, AttributeValue>>> items = BatchGet.items(dynamoDb, "tables",
                Map.of("connections", keys, "devices", keys));

        assertThat(items.get("connections")).hasSize(60);
        assertThat(items.get("devices")).hasSize(60);
        assertThat(dynamoDb.calls).hasSize(3);
        assertThat(dynamoDb.calls.getFirst().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
    }
}
