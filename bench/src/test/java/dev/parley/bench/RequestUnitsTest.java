package dev.parley.bench;

import static dev.parley.bench.ItemSizeTest.n;
import static dev.parley.bench.ItemSizeTest.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

class RequestUnitsTest {

    @Test
    void a_small_put_costs_one_write_unit_and_each_started_kilobyte_one_more() {
        assertThat(RequestUnits.of(put(100), PutItemResponse.builder().build())).isEqualTo(new RequestUnits.Units(1, 0));
        assertThat(RequestUnits.of(put(1500), PutItemResponse.builder().build())).isEqualTo(new RequestUnits.Units(2, 0));
    }

    @Test
    void a_put_refused_by_its_condition_is_charged_all_the_same() {
        assertThat(RequestUnits.ofFailedWrite(put(100))).isEqualTo(new RequestUnits.Units(1, 0));
    }

    @Test
    void an_update_is_estimated_from_its_key_and_the_values_it_writes() {
        UpdateItemRequest update = UpdateItemRequest.builder().tableName("Connections")
                .key(Map.of("userId", s("u".repeat(36))))
                .updateExpression("SET #c = :conn, expiresAt = :exp")
                .expressionAttributeNames(Map.of("#c", "c#" + "x".repeat(16)))
                .expressionAttributeValues(Map.of(":conn", s("y".repeat(1500)), ":exp", n("1700000000")))
                .build();

        assertThat(RequestUnits.of(update, UpdateItemResponse.builder().build()).write()).isEqualTo(2);
    }

    @Test
    void a_transaction_costs_two_write_units_per_item() {
        TransactWriteItemsRequest transaction = TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName("t").item(item(100)).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName("t").item(item(100)).build()).build()).build();

        assertThat(RequestUnits.of(transaction, null)).isEqualTo(new RequestUnits.Units(4, 0));
    }

    @Test
    void a_query_rounds_the_sum_of_its_items_up_to_4_kb_once_and_halves_it_when_eventually_consistent() {
        QueryResponse elevenSmallItems = QueryResponse.builder().items(Collections.nCopies(11, item(300))).build();

        assertThat(RequestUnits.of(QueryRequest.builder().tableName("Messages").build(), elevenSmallItems).read())
                .isEqualTo(0.5);
        assertThat(RequestUnits.of(QueryRequest.builder().tableName("Messages").consistentRead(true).build(),
                elevenSmallItems).read()).isEqualTo(1.0);
        assertThat(RequestUnits.of(QueryRequest.builder().tableName("Messages").build(),
                QueryResponse.builder().items(List.of()).build()).read()).as("an empty result still costs the minimum")
                .isEqualTo(0.5);
    }

    @Test
    void a_batch_get_rounds_every_item_on_its_own_and_charges_missing_keys_the_minimum() {
        BatchGetItemRequest twoKeys = BatchGetItemRequest.builder().requestItems(Map.of("Connections",
                KeysAndAttributes.builder().keys(Map.of("userId", s("a")), Map.of("userId", s("b"))).build())).build();
        BatchGetItemResponse oneFound = BatchGetItemResponse.builder()
                .responses(Map.of("Connections", List.of(item(100)))).build();

        assertThat(RequestUnits.of(twoKeys, oneFound)).isEqualTo(new RequestUnits.Units(0, 1.0));
    }

    /** An item of about {@code bytes} bytes. */
    private static Map<String, AttributeValue> item(int bytes) {
        return Map.of("k", s("v".repeat(bytes - 1)));
    }

    private static PutItemRequest put(int bytes) {
        return PutItemRequest.builder().tableName("Messages").item(item(bytes)).build();
    }
}
