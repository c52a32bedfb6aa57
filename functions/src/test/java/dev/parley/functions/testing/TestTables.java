package dev.parley.functions.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Creates on-demand tables with a name no other test uses: the one way every table helper here does it. */
final class TestTables {
    /** One key attribute and its type. */
    record Key(String name, ScalarAttributeType type) {
        static Key string(String name) {
            return new Key(name, ScalarAttributeType.S);
        }

        static Key number(String name) {
            return new Key(name, ScalarAttributeType.N);
        }
    }

    private TestTables() {
    }

    /** Creates the table ({@code sortKey} may be null) and returns its name, {@code prefix-<uuid>}. */
    static String create(DynamoDbClient dynamoDb, String prefix, Key partitionKey, Key sortKey) {
        String name = prefix + "-" + UUID.randomUUID();
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        attributes.add(AttributeDefinition.builder().attributeName(partitionKey.name()).attributeType(partitionKey.type()).build());
        keys.add(KeySchemaElement.builder().attributeName(partitionKey.name()).keyType(KeyType.HASH).build());
        if (sortKey != null) {
            attributes.add(AttributeDefinition.builder().attributeName(sortKey.name()).attributeType(sortKey.type()).build());
            keys.add(KeySchemaElement.builder().attributeName(sortKey.name()).keyType(KeyType.RANGE).build());
        }
        dynamoDb.createTable(table -> table
                .tableName(name)
                .attributeDefinitions(attributes)
                .keySchema(keys)
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return name;
    }
}
