package dev.parley.functions.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The viewers table as the CDK app defines it: key conversationId (S) and entry (S), TTL on expiresAt. */
public final class ViewersTable {
    private ViewersTable() {
    }

    /** Creates a table with a name no other test uses, and returns the name. */
    public static String create(DynamoDbClient dynamoDb) {
        String name = TestTables.create(dynamoDb, "viewers", TestTables.Key.string("conversationId"), TestTables.Key.string("entry"));
        dynamoDb.updateTimeToLive(ttl -> ttl
                .tableName(name)
                .timeToLiveSpecification(spec -> spec.attributeName("expiresAt").enabled(true)));
        return name;
    }
}
