package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.conversation.MemberRowTouches;
import dev.parley.functions.domain.message.MemberActivity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * reached live   the same, and deliveredSeq = :seq (returning the row, free, for its readSeq)
 * the sender     the same, and readSeq = :seq, deliveredSeq = :seq
 * condition      attribute_exists(conversationId) AND (attribute_not_exists(lastSeq) OR lastSeq &lt; :seq)
 * </pre>
 * A failed condition (a removed member's row, or a row already past this seq) is the expected
 * no-op and is ignored. Setting deliveredSeq outright is safe under the condition: no cursor passes
 * lastSeq, so a row below this seq has both cursors below it too. Any other failure is thrown after every update has run.
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
    private static final String REACHED = MEMBER + ", deliveredSeq = :seq";
    private static final ExecutorService UPDATES = Executors.newVirtualThreadPerTaskExecutor();

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbMemberActivity(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Map<String, Long> recordMessage(String conversationId, Collection<String> members, String senderId,
                                           Set<String> delivered, long seq, Instant at, Instant now) {
        Map<String, AttributeValue> values = Map.of(
                ":seq", AttributeValue.fromN(Long.toString(seq)),
                ":at", AttributeValue.fromN(Long.toString(at.toEpochMilli())),
                ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())));
        Map<String, Long> readSeqs = new ConcurrentHashMap<>();
        awaitAll(members.stream()
                .<Future<?>>map(userId -> UPDATES.submit(() -> {
                    if (userId.equals(senderId) || !delivered.contains(userId)) {
                        update(userId, conversationId, userId.equals(senderId) ? SENDER : MEMBER, CONDITION, values);
                    } else {
                        updateReached(userId, conversationId, values).ifPresent(readSeq -> readSeqs.put(userId, readSeq));
                    }
                }))
                .toList());
        return Map.copyOf(readSeqs);
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

    /** The row's readSeq after the update; empty when the condition failed (nothing to tell). */
    private Optional<Long> updateReached(String userId, String conversationId, Map<String, AttributeValue> values) {
        try {
            Map<String, AttributeValue> row = DynamoDbCalls.call(TABLE, () -> dynamoDb.updateItem(update -> update
                    .tableName(tableName)
                    .key(ConversationWrites.membershipKey(userId, conversationId))
                    .updateExpression(REACHED)
                    .conditionExpression(CONDITION)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW))).attributes();
            AttributeValue readSeq = row == null ? null : row.get("readSeq");
            return Optional.of(readSeq == null || readSeq.n() == null ? 0L : Long.parseLong(readSeq.n()));
        } catch (ConditionalCheckFailedException alreadyThereOrRemoved) {
            return Optional.empty();
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
