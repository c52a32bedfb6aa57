package dev.parley.functions.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.UUID;

/** The connections table as the CDK app defines it: key userId (S), no sort key, TTL on expiresAt. */
public final class ConnectionsTable {
    private ConnectionsTable() {
    }

    /** Creates a table with a name no other test uses, and returns the name. */
    public static String create(DynamoDbClient dynamoDb) {
        String name = "connections-" + UUID.randomUUID();
        dynamoDb.createTable(table -> table
                .tableName(name)
                .attributeDefinitions(attribute -> attribute.attributeName("userId").attributeType(ScalarAttributeType.S))
                .keySchema(key -> key.attributeName("userId").keyType(KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        dynamoDb.updateTimeToLive(ttl -> ttl
                .tableName(name)
                .timeToLiveSpecification(spec -> spec.attributeName("expiresAt").enabled(true)));
        return name;
    }
}
