package dev.parley.functions.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The connections table as the CDK app defines it: key userId (S), no sort key, TTL on expiresAt. */
public final class ConnectionsTable {
    private ConnectionsTable() {
    }

    /** Creates a table with a name no other test uses, and returns the name. */
    public static String create(DynamoDbClient dynamoDb) {
        String name = TestTables.create(dynamoDb, "connections", TestTables.Key.string("userId"), null);
        dynamoDb.updateTimeToLive(ttl -> ttl
                .tableName(name)
                .timeToLiveSpecification(spec -> spec.attributeName("expiresAt").enabled(true)));
        return name;
    }
}
