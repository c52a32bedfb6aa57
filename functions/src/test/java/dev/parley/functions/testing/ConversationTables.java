package dev.parley.functions.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
        return TestTables.create(dynamoDb, prefix, TestTables.Key.string(partitionKey),
                sortKey == null ? null : TestTables.Key.string(sortKey));
    }
}
