package dev.parley.functions.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.UUID;

/** The devices table as the CDK app defines it: partition key userId (S), sort key deviceId (S). */
public final class DevicesTable {
    private DevicesTable() {
    }

    /** Creates a table with a name no other test uses, and returns the name. */
    public static String create(DynamoDbClient dynamoDb) {
        String name = "devices-" + UUID.randomUUID();
        dynamoDb.createTable(table -> table
                .tableName(name)
                .attributeDefinitions(
                        attribute -> attribute.attributeName("userId").attributeType(ScalarAttributeType.S),
                        attribute -> attribute.attributeName("deviceId").attributeType(ScalarAttributeType.S))
                .keySchema(
                        key -> key.attributeName("userId").keyType(KeyType.HASH),
                        key -> key.attributeName("deviceId").keyType(KeyType.RANGE))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return name;
    }
}
