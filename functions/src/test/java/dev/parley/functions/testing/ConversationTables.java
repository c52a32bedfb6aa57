package dev.parley.functions.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.UUID;

/**
 * The tables of the conversation actions as the CDK app defines them (infra-cdk MessagingTables),
 * besides the messages table ({@link MessagesTable}). Each call creates a table with a name no
 * other test uses, and returns the name.
 */
public final class ConversationTables {
    private ConversationTables() {
    }

    /** Key userId (S) + conversationId (S), no TTL; index byConversation (conversationId, userId), keys only. */
    public static String memberships(DynamoDbClient dynamoDb) {
        String name = "memberships-" + UUID.randomUUID();
        dynamoDb.createTable(table -> table
                .tableName(name)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("userId").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("conversationId").attributeType(ScalarAttributeType.S).build())
                .keySchema(key -> key.attributeName("userId").keyType(KeyType.HASH),
                        key -> key.attributeName("conversationId").keyType(KeyType.RANGE))
                .globalSecondaryIndexes(index -> index
                        .indexName("byConversation")
                        .keySchema(k -> k.attributeName("conversationId").keyType(KeyType.HASH),
                                k -> k.attributeName("userId").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return name;
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
        return TestTables.create(dynamoDb, prefix, TestTables.Key.string(partitionKey),
                sortKey == null ? null : TestTables.Key.string(sortKey));
    }
}
