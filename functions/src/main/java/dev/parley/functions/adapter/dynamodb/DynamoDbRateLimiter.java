package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.ratelimit.RateLimiter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;

/**
 * The rate limits table: one item per counter and window.
 *
 * <pre>
 * partition key  key (S)             for example {@code findUsers#<userId>#<epochMinute>}; no sort key, no index
 * n (N)                              requests counted in the window
 * expiresAt (N, epoch s)             TTL: the window's end; DynamoDB deletes the item some time later
 * </pre>
 *
 * <p>Each request is one conditional UpdateItem ({@code ADD n 1} only while {@code n < limit}):
 * one write unit, no read, and correct under any concurrency. A refused request is a failed
 * condition, which DynamoDB still bills as one write unit.
 */
public final class DynamoDbRateLimiter implements RateLimiter {
    static final String KEY = "key";
    static final String COUNT = "n";
    static final String EXPIRES_AT = "expiresAt";
    private static final String TABLE = "rate limits table";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbRateLimiter(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public boolean tryAcquire(String counter, int limit, Instant expiresAt) {
        try {
            DynamoDbCalls.call(TABLE, () -> dynamoDb.updateItem(update -> update
                    .tableName(tableName)
                    .key(Map.of(KEY, AttributeValue.fromS(counter)))
                    .updateExpression("ADD #n :one SET #expiresAt = :expiresAt")
                    .conditionExpression("attribute_not_exists(#n) OR #n < :limit")
                    .expressionAttributeNames(Map.of("#n", COUNT, "#expiresAt", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(
                            ":one", AttributeValue.fromN("1"),
                            ":limit", AttributeValue.fromN(Integer.toString(limit)),
                            ":expiresAt", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond()))))));
            return true;
        } catch (ConditionalCheckFailedException overLimit) {
            return false;
        }
    }
}
