package dev.parley.functions.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The devices table as the CDK app defines it: partition key userId (S), sort key deviceId (S). */
public final class DevicesTable {
    private DevicesTable() {
    }

    /** Creates a table with a name no other test uses, and returns the name. */
    public static String create(DynamoDbClient dynamoDb) {
        return TestTables.create(dynamoDb, "devices", TestTables.Key.string("userId"), TestTables.Key.string("deviceId"));
    }
}
