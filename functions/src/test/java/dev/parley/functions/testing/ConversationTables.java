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

/**
 * The tables of the conversation actions as the CDK app defines them (infra-cdk MessagingTables),
 * besides the messages table ({@link MessagesTable}). Each call creates a table with a name no
 * other test uses, and returns the name.
 */
public final class ConversationTables {
    private ConversationTables() {
    }

    /** Key userId (S) + conversationId (S), no index, no TTL. */
    public static String memberships(DynamoDbClient dynamoDb) {
        return create(dynamoDb, "memberships", "userId", "conversationId");
    }

    /** Key username (S), no sort key. */
    public static String users(DynamoDbClient dynamoDb) {
        return create(dynamoDb, "users", "username", null);
    }

    /** Key key (S), TTL on expiresAt. */
    public static String rateLimits(DynamoDbClient dynamoDb) {
        String name = create(dynamoDb, "rate-limits", "key", null);
        dynamoDb.updateTimeToLive(ttl -> ttl
                .tableName(name)
                .timeToLiveSpecification(spec -> spec.attributeName("expiresAt").enabled(true)));
        return name;
    }

    private static String create(DynamoDbClient dynamoDb, String prefix, String partitionKey, String sortKey) {
        String name = prefix + "-" + UUID.randomUUID();
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        attributes.add(AttributeDefinition.builder().attributeName(partitionKey).attributeType(ScalarAttributeType.S).build());
        keys.add(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build());
        if (sortKey != null) {
            attributes.add(AttributeDefinition.builder().attributeName(sortKey).attributeType(ScalarAttributeType.S).build());
            keys.add(KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
        }
        dynamoDb.createTable(table -> table
                .tableName(name)
                .attributeDefinitions(attributes)
                .keySchema(keys)
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return name;
    }
}
