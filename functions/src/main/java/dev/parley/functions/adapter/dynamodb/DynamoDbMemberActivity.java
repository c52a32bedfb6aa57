package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.conversation.MemberRowTouches;
import dev.parley.functions.domain.message.MemberActivity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The send path's writes to the memberships table: one conditional UpdateItem per member, all in
 * parallel on virtual threads, 1 write unit each.
 *
 * <pre>
 * other members  SET lastSeq = :seq, lastActivityAt = :at, updatedAt = :now
 * the sender     the same, and readSeq = :seq, deliveredSeq = :seq
 * condition      attribute_exists(conversationId) AND (attribute_not_exists(lastSeq) OR lastSeq &lt; :seq)
 * </pre>
 * A failed condition (a removed member's row, or a row already past this seq) is the expected
 * no-op and is ignored. Any other failure is thrown after every update has run.
 *
 * <p>A membership change touches the remaining members' rows the same way, in parallel:
 * {@code SET updatedAt = :now} if the row exists.
 */
public final class DynamoDbMemberActivity implements MemberActivity, MemberRowTouches {
    private static final String TABLE = "memberships table";
    private static final String CONDITION =
            "attribute_exists(conversationId) AND (attribute_not_exists(lastSeq) OR lastSeq < :seq)";
    private static final String MEMBER = "SET lastSeq = :seq, lastActivityAt = :at, updatedAt = :now";
    private static final String SENDER = MEMBER + ", readSeq = :seq, deliveredSeq = :seq";
    private static final ExecutorService UPDATES = Executors.newVirtualThreadPerTaskExecutor();

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbMemberActivity(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public void recordMessage(String conversationId, Collection<String> members, String senderId, long seq,
                              Instant at, Instant now) {
        Map<String, AttributeValue> values = Map.of(
                ":seq", AttributeValue.fromN(Long.toString(seq)),
                ":at", AttributeValue.fromN(Long.toString(at.toEpochMilli())),
                ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())));
        awaitAll(members.stream()
                .<Future<?>>map(userId -> UPDATES.submit(() -> update(userId, conversationId,
                        userId.equals(senderId) ? SENDER : MEMBER, CONDITION, values)))
                .toList());
    }

    @Override
    public void touch(String conversationId, Collection<String> members, Instant now) {
        Map<String, AttributeValue> values = Map.of(":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())));
        awaitAll(members.stream()
                .<Future<?>>map(userId -> UPDATES.submit(() -> update(userId, conversationId,
                        "SET updatedAt = :now", "attribute_exists(conversationId)", values)))
                .toList());
    }

    private static void awaitAll(List<Future<?>> updates) {
        RuntimeException failure = null;
        for (Future<?> update : updates) {
            try {
                update.get();
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while recording member activity", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void update(String userId, String conversationId, String expression, String condition,
                        Map<String, AttributeValue> values) {
        try {
            DynamoDbCalls.call(TABLE, () -> dynamoDb.updateItem(update -> update
                    .tableName(tableName)
                    .key(ConversationWrites.membershipKey(userId, conversationId))
                    .updateExpression(expression)
                    .conditionExpression(condition)
                    .expressionAttributeValues(values)));
        } catch (ConditionalCheckFailedException alreadyThereOrRemoved) {
            // the row is at or past this message, or the user is no longer a member: nothing to do
        }
    }
}
