package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.push.Inbox;
import dev.parley.functions.domain.push.Inboxes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.JOINED_AT;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.LAST_SEQ;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.MUTED_UNTIL;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.READ_SEQ;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.UPDATED_AT;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.USER_ID;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.CONVERSATION_ID;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.TIER;

/**
 * The memberships table as pushes use it (layout in {@link DynamoDbConversationRepository}; the
 * push issue adds {@code mutedUntil} (N, epoch ms; absent = not muted), and reads {@code lastSeq},
 * {@code readSeq} and {@code updatedAt}, which the send path and receipts maintain, and {@code tier}
 * ("large" on a large conversation's row, whose lastSeq no message moves) and {@code joinedAt}
 * (a row never changed since joining has no updatedAt).
 *
 * <p>A user's inbox is one Query of their rows, projected to seven attributes: about 1 read unit per
 * 100 conversations, eventually consistent. Muting is one conditional UpdateItem that also bumps
 * {@code updatedAt}, so sync reports the change to the user's other devices.
 */
public final class DynamoDbInboxes implements Inboxes {
    private static final String TABLE = "memberships table";
    private static final String PROJECTION =
            String.join(", ", CONVERSATION_ID, LAST_SEQ, READ_SEQ, MUTED_UNTIL, TIER, UPDATED_AT, JOINED_AT);

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbInboxes(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Inbox of(String userId) {
        Map<String, Inbox.Entry> conversations = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = call(() -> dynamoDb.query(query -> query.tableName(tableName)
                    .keyConditionExpression(USER_ID + " = :u")
                    .projectionExpression(PROJECTION)
                    .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId)))
                    .exclusiveStartKey(from)));
            for (Map<String, AttributeValue> item : page.items()) {
                conversations.put(item.get(CONVERSATION_ID).s(),
                        new Inbox.Entry(number(item, LAST_SEQ), number(item, READ_SEQ), number(item, MUTED_UNTIL),
                                item.containsKey(TIER), number(item, item.containsKey(UPDATED_AT) ? UPDATED_AT : JOINED_AT)));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new Inbox(conversations);
    }

    @Override
    public boolean mute(String userId, String conversationId, long mutedUntil, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())));
        String expression;
        if (mutedUntil > 0) {
            expression = "SET " + MUTED_UNTIL + " = :m, " + UPDATED_AT + " = :now";
            values.put(":m", AttributeValue.fromN(Long.toString(mutedUntil)));
        } else {
            expression = "SET " + UPDATED_AT + " = :now REMOVE " + MUTED_UNTIL;
        }
        try {
            call(() -> dynamoDb.updateItem(update -> update.tableName(tableName)
                    .key(Map.of(USER_ID, AttributeValue.fromS(userId), CONVERSATION_ID, AttributeValue.fromS(conversationId)))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(" + CONVERSATION_ID + ")")
                    .expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException notMember) {
            return false;
        }
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static <T> T call(Supplier<T> request) {
        return DynamoDbCalls.call(TABLE, request);
    }
}
