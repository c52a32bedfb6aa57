package dev.parley.functions.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The media table as the CDK app defines it: key mediaId (S), no index, TTL on expiresAt (which moto never applies). */
public final class MediaTable {
    private MediaTable() {
    }

    /** Creates a table with a name no other test uses, and returns the name. */
    public static String create(DynamoDbClient dynamoDb) {
        return TestTables.create(dynamoDb, "media", TestTables.Key.string("mediaId"), null);
    }
}
