package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.conversation.RecentRemovals;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.viewing.ActivityRounds;
import dev.parley.functions.domain.viewing.Viewers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * The viewers table: what a large conversation's fan-out reads per message instead of its members'
 * connections.
 *
 * <pre>
 * partition key  conversationId (S): the conversation's id, or for its viewer entries &lt;id&gt;#&lt;shard&gt;
 * sort key       entry (S)
 *   under &lt;id&gt;#0 .. &lt;id&gt;#7 ({@link Viewers#shardOf} of the connection id)
 *   v#&lt;connectionId&gt;   a viewing socket: userId (S), deviceId (S), until (N, epoch ms)    about 120 bytes
 *   under &lt;id&gt;
 *   r#&lt;userId&gt;         a recent removal: at (N, epoch ms)                                 about 60 bytes
 *   round                the last activity round: at (N, epoch ms), seq (N, the seq it told of)
 * expiresAt (N, epoch s) TTL: a view's end + 1 min, a removal's time + {@link RecentRemovals#WINDOW} + 1 h
 * </pre>
 *
 * <p>DynamoDB's TTL deletes days late at worst, so readers compare {@code until} and {@code at}
 * themselves. A viewers page is one eventually consistent Query (0.5 read unit per 4 KB: 500 viewers,
 * about 60 KB, 8 read units); the heads of all shards one such Query each, started together; the
 * removals one strongly consistent Query (1 unit per 4 KB). Entries a version before the shards wrote
 * under {@code <id>} itself are never read again and expire by their TTL.
 */
public final class DynamoDbViewers implements Viewers, RecentRemovals, ActivityRounds {
    static final String CONVERSATION_ID = "conversationId";
    static final String ENTRY = "entry";
    static final String VIEWER_PREFIX = "v#";
    static final String REMOVAL_PREFIX = "r#";
    static final String ROUND = "round";
    static final String USER_ID = "userId";
    static final String DEVICE_ID = "deviceId";
    static final String UNTIL = "until";
    static final String AT = "at";
    static final String SEQ = "seq";
    static final String EXPIRES_AT = "expiresAt";
    private static final Duration KEPT_AFTER = Duration.ofHours(1);
    private static final String TABLE = "viewers table";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbViewers(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public void record(String conversationId, Recipient socket, Instant until) {
        Map<String, AttributeValue> item = new HashMap<>(key(partition(conversationId, Viewers.shardOf(socket.connectionId())),
                VIEWER_PREFIX + socket.connectionId()));
        item.put(USER_ID, AttributeValue.fromS(socket.userId()));
        item.put(DEVICE_ID, AttributeValue.fromS(socket.deviceId()));
        item.put(UNTIL, number(until.toEpochMilli()));
        item.put(EXPIRES_AT, number(until.plus(Duration.ofMinutes(1)).getEpochSecond()));
        DynamoDbCalls.call(TABLE, () -> dynamoDb.putItem(put -> put.tableName(tableName).item(item)));
    }

    @Override
    public void forget(String conversationId, String connectionId) {
        DynamoDbCalls.call(TABLE, () -> dynamoDb.deleteItem(delete -> delete.tableName(tableName)
                .key(key(partition(conversationId, Viewers.shardOf(connectionId)), VIEWER_PREFIX + connectionId))));
    }

    @Override
    public List<Page> heads(String conversationId, int limitEach) {
        List<Future<Page>> started = IntStream.range(0, SHARDS)
                .mapToObj(shard -> DynamoDbCalls.started(TABLE, () -> page(conversationId, shard, null, limitEach)))
                .toList();
        return started.stream().map(pending -> DynamoDbCalls.result(TABLE, pending)).toList();
    }

    @Override
    public Page page(String conversationId, int shard, String after, int limit) {
        String partition = partition(conversationId, shard);
        QueryRequest.Builder query = entries(partition, VIEWER_PREFIX).limit(limit);
        if (after != null) {
            query.exclusiveStartKey(key(partition, after));
        }
        QueryResponse response = DynamoDbCalls.call(TABLE, () -> dynamoDb.query(query.build()));
        List<Viewer> viewers = response.items().stream().map(item -> new Viewer(
                new Recipient(item.get(USER_ID).s(), item.get(ENTRY).s().substring(VIEWER_PREFIX.length()), item.get(DEVICE_ID).s()),
                Instant.ofEpochMilli(Long.parseLong(item.get(UNTIL).n())))).toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey().get(ENTRY).s() : null;
        return new Page(viewers, next);
    }

    @Override
    public void record(String conversationId, Collection<String> userIds, Instant at) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (String userId : new HashSet<>(userIds)) {
            Map<String, AttributeValue> item = new HashMap<>(key(conversationId, REMOVAL_PREFIX + userId));
            item.put(AT, number(at.toEpochMilli()));
            item.put(EXPIRES_AT, number(at.plus(WINDOW).plus(KEPT_AFTER).getEpochSecond()));
            items.add(item);
        }
        BatchWrite.puts(dynamoDb, tableName, items);
    }

    @Override
    public Set<String> since(String conversationId, Instant since) {
        Set<String> removed = new HashSet<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = entries(conversationId, REMOVAL_PREFIX).consistentRead(true);
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse response = DynamoDbCalls.call(TABLE, () -> dynamoDb.query(query.build()));
            for (Map<String, AttributeValue> item : response.items()) {
                if (Long.parseLong(item.get(AT).n()) > since.toEpochMilli()) {
                    removed.add(item.get(ENTRY).s().substring(REMOVAL_PREFIX.length()));
                }
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return removed;
    }

    /** UPDATED_OLD returns the round this one replaces in the same write: the previous round costs no read. */
    @Override
    public Optional<Claim> claim(String conversationId, long seq, Instant now, Instant lastAllowed) {
        try {
            UpdateItemResponse response = DynamoDbCalls.call(TABLE, () -> dynamoDb.updateItem(update -> update
                    .tableName(tableName)
                    .key(key(conversationId, ROUND))
                    .updateExpression("SET #at = :now, #seq = :seq, #exp = :exp")
                    .conditionExpression("attribute_not_exists(#at) OR #at <= :lastAllowed")
                    .returnValues(ReturnValue.UPDATED_OLD)
                    .expressionAttributeNames(Map.of("#at", AT, "#seq", SEQ, "#exp", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", number(now.toEpochMilli()), ":seq", number(seq),
                            ":lastAllowed", number(lastAllowed.toEpochMilli()),
                            ":exp", number(now.plus(KEPT_AFTER).getEpochSecond())))));
            Map<String, AttributeValue> old = response.hasAttributes() ? response.attributes() : Map.of();
            // An item from before rounds kept their seq has none: that round counts as no round, so all are told.
            Round previous = old.containsKey(AT) && old.containsKey(SEQ)
                    ? new Round(Instant.ofEpochMilli(Long.parseLong(old.get(AT).n())), Long.parseLong(old.get(SEQ).n()))
                    : null;
            return Optional.of(new Claim(previous));
        } catch (ConditionalCheckFailedException refused) {
            return Optional.empty();
        }
    }

    /** The partition key of a shard's viewer entries. */
    private static String partition(String conversationId, int shard) {
        return conversationId + "#" + shard;
    }

    private QueryRequest.Builder entries(String conversationId, String prefix) {
        return QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#c = :c AND begins_with(#e, :p)")
                .expressionAttributeNames(Map.of("#c", CONVERSATION_ID, "#e", ENTRY))
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(conversationId), ":p", AttributeValue.fromS(prefix)));
    }

    private static Map<String, AttributeValue> key(String conversationId, String entry) {
        return Map.of(CONVERSATION_ID, AttributeValue.fromS(conversationId), ENTRY, AttributeValue.fromS(entry));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
