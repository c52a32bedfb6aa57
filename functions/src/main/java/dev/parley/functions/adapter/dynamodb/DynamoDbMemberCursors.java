package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.sync.MemberCursors;
import dev.parley.functions.domain.sync.MemberState;
import dev.parley.functions.domain.viewing.ReadCursors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The memberships table's cursor attributes (layout in {@link DynamoDbConversationRepository}):
 * {@code lastSeq}, {@code lastActivityAt} and {@code updatedAt}, which the send path writes
 * ({@link DynamoDbMemberActivity}), and {@code readSeq}, {@code deliveredSeq}, {@code mutedUntil}.
 * A row written before these existed reads as lastSeq 0 and activity/update time = joinedAt.
 *
 * <p>A user's rows: one Query, all pages, projected to these attributes (about 1 read unit per
 * 100 rows, eventually consistent). Other members' rows: BatchGetItem, 100 keys a call. A cursor
 * move: one conditional UpdateItem returning the row as it is now; a counted read move
 * ({@link #advanceRead}) sets {@code countedSeq} in the same UpdateItem and returns the row as it was.
 * An activity round's cursors
 * ({@link ReadCursors}): the same BatchGetItem projected to {@code readSeq} and {@code joinedAt}
 * (0.5 read unit per row, as any row of up to 4 KB).
 */
public final class DynamoDbMemberCursors implements MemberCursors, ReadCursors {
    private static final String TABLE = "memberships table";
    private static final String PROJECTION =
            "userId, conversationId, joinedAt, lastSeq, lastActivityAt, updatedAt, readSeq, deliveredSeq, mutedUntil, tier";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbMemberCursors(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public List<MemberState> of(String userId) {
        return call(() -> dynamoDb.queryPaginator(query -> query
                        .tableName(tableName)
                        .keyConditionExpression("userId = :u")
                        .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId)))
                        .projectionExpression(PROJECTION))
                .items().stream()
                .map(DynamoDbMemberCursors::state)
                .toList());
    }

    @Override
    public List<MemberState> rows(Collection<Key> keys) {
        List<Map<String, AttributeValue>> itemKeys = keys.stream()
                .distinct()
                .map(key -> ConversationWrites.membershipKey(key.userId(), key.conversationId()))
                .toList();
        return BatchGet.items(dynamoDb, tableName, TABLE, itemKeys).stream().map(DynamoDbMemberCursors::state).toList();
    }

    @Override
    public Map<String, ReadMark> of(String conversationId, Collection<String> userIds) {
        List<Map<String, AttributeValue>> itemKeys = new LinkedHashSet<>(userIds).stream()
                .map(userId -> ConversationWrites.membershipKey(userId, conversationId))
                .toList();
        Map<String, ReadMark> cursors = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.projected(dynamoDb, tableName, TABLE, itemKeys, "userId, readSeq, joinedAt")) {
            cursors.put(item.get(DynamoDbConversationRepository.USER_ID).s(),
                    new ReadMark(number(item, DynamoDbConversationRepository.READ_SEQ, 0),
                            Instant.ofEpochMilli(number(item, DynamoDbConversationRepository.JOINED_AT, 0))));
        }
        return cursors;
    }

    @Override
    public Optional<MemberState> row(String userId, String conversationId) {
        Map<String, AttributeValue> item = call(() -> dynamoDb.getItem(get -> get
                .tableName(tableName)
                .key(ConversationWrites.membershipKey(userId, conversationId))
                .consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(state(item));
    }

    /**
     * <pre>
     * READ       SET readSeq = :s, updatedAt = :now        if readSeq &lt; :s
     * DELIVERED  SET deliveredSeq = :s, updatedAt = :now   if deliveredSeq &lt; :s and readSeq &lt; :s
     * and        the row exists, and lastSeq &gt;= :s; or, with knownLastSeq, SET lastSeq = :last if lastSeq &lt;= :last
     * </pre>
     */
    @Override
    public Optional<MemberState> advance(String userId, String conversationId, Cursor cursor, long upToSeq,
                                         Long knownLastSeq, Instant now) {
        return move(userId, conversationId, cursor, upToSeq, knownLastSeq, now, false).map(DynamoDbMemberCursors::state);
    }

    /**
     * The READ move with {@code countedSeq = :s} in the same SET, returning the row as it was (ALL_OLD: the
     * counted position before) and read as it is now by applying the SET to it: 1 write unit, one round trip.
     */
    @Override
    public Optional<CountedMove> advanceRead(String userId, String conversationId, long upToSeq, Long knownLastSeq, Instant now) {
        return move(userId, conversationId, Cursor.READ, upToSeq, knownLastSeq, now, true).map(old -> {
            Map<String, AttributeValue> moved = new HashMap<>(old);
            moved.put(DynamoDbConversationRepository.READ_SEQ, number(upToSeq));
            moved.put(DynamoDbConversationRepository.UPDATED_AT, number(now.toEpochMilli()));
            moved.put(DynamoDbReadCounts.COUNTED_SEQ, number(upToSeq));
            if (knownLastSeq != null) {
                moved.put(DynamoDbConversationRepository.LAST_SEQ, number(knownLastSeq));
            }
            return new CountedMove(state(moved), DynamoDbReadCounts.countedSeq(old));
        });
    }

    /** @return the row after the move ({@code counted}: before it); empty when a condition failed */
    private Optional<Map<String, AttributeValue>> move(String userId, String conversationId, Cursor cursor, long upToSeq,
                                                       Long knownLastSeq, Instant now, boolean counted) {
        String attribute = cursor == Cursor.READ ? "readSeq" : "deliveredSeq";
        StringBuilder set = new StringBuilder("SET " + attribute + " = :s, updatedAt = :now");
        if (counted) {
            set.append(", " + DynamoDbReadCounts.COUNTED_SEQ + " = :s");
        }
        StringBuilder condition = new StringBuilder("attribute_exists(conversationId)"
                + " AND (attribute_not_exists(readSeq) OR readSeq < :s)");
        if (cursor == Cursor.DELIVERED) {
            condition.append(" AND (attribute_not_exists(deliveredSeq) OR deliveredSeq < :s)");
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":s", number(upToSeq));
        values.put(":now", number(now.toEpochMilli()));
        if (knownLastSeq == null) {
            condition.append(" AND lastSeq >= :s");
        } else {
            set.append(", lastSeq = :last");
            condition.append(" AND (attribute_not_exists(lastSeq) OR lastSeq <= :last)");
            values.put(":last", number(knownLastSeq));
        }
        try {
            return Optional.of(call(() -> dynamoDb.updateItem(update -> update
                    .tableName(tableName)
                    .key(ConversationWrites.membershipKey(userId, conversationId))
                    .updateExpression(set.toString())
                    .conditionExpression(condition.toString())
                    .expressionAttributeValues(values)
                    .returnValues(counted ? ReturnValue.ALL_OLD : ReturnValue.ALL_NEW))).attributes());
        } catch (ConditionalCheckFailedException refused) {
            return Optional.empty();
        }
    }

    private static MemberState state(Map<String, AttributeValue> item) {
        long joinedAt = number(item, DynamoDbConversationRepository.JOINED_AT, 0);
        long lastActivityAt = number(item, DynamoDbConversationRepository.LAST_ACTIVITY_AT, joinedAt);
        return new MemberState(item.get(DynamoDbConversationRepository.USER_ID).s(),
                item.get(DynamoDbMessageRepository.CONVERSATION_ID).s(),
                number(item, DynamoDbConversationRepository.LAST_SEQ, 0), lastActivityAt,
                number(item, DynamoDbConversationRepository.UPDATED_AT, Math.max(joinedAt, lastActivityAt)),
                number(item, DynamoDbConversationRepository.READ_SEQ, 0),
                number(item, DynamoDbConversationRepository.DELIVERED_SEQ, 0),
                number(item, DynamoDbConversationRepository.MUTED_UNTIL, 0),
                item.containsKey(DynamoDbMessageRepository.TIER));
    }

    private static long number(Map<String, AttributeValue> item, String name, long absent) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? absent : Long.parseLong(value.n());
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static <T> T call(Supplier<T> request) {
        return DynamoDbCalls.call(TABLE, request);
    }
}
