package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.push.PushCollapse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;

/**
 * The mention push collapse, in the rate limits table ({@link DynamoDbRateLimiter}'s, which has the TTL):
 *
 * <pre>
 * partition key  key (S)             mentionPush#&lt;conversationId&gt;#&lt;userId&gt;
 * until (N, epoch ms)                no other message's push before then
 * seq (N)                            the message that claimed it
 * expiresAt (N, epoch s)             TTL: until; DynamoDB deletes the item some time later
 * </pre>
 *
 * <p>A claim is one conditional UpdateItem, 1 write unit, no read; a refused one is billed the same.
 * The condition compares {@code until} rather than trusting the TTL, which deletes within days, not on
 * time. One item per member and conversation: the keys spread over partitions by member, so a thread
 * that names many members writes to as many partitions.
 */
public final class DynamoDbPushCollapse implements PushCollapse {
    private static final String TABLE = "rate limits table";
    private static final String PREFIX = "mentionPush#";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbPushCollapse(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public boolean claim(String conversationId, String userId, long seq, Instant now, Instant until) {
        try {
            DynamoDbCalls.call(TABLE, () -> dynamoDb.updateItem(update -> update
                    .tableName(tableName)
                    .key(Map.of(DynamoDbRateLimiter.KEY, AttributeValue.fromS(PREFIX + conversationId + "#" + userId)))
                    .updateExpression("SET #until = :until, #seq = :seq, #expiresAt = :expiresAt")
                    .conditionExpression("attribute_not_exists(#until) OR #until <= :now OR #seq = :seq")
                    .expressionAttributeNames(Map.of("#until", "until", "#seq", "seq",
                            "#expiresAt", DynamoDbRateLimiter.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(
                            ":until", number(until.toEpochMilli()),
                            ":seq", number(seq),
                            ":now", number(now.toEpochMilli()),
                            ":expiresAt", number(until.getEpochSecond() + 1)))));
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
