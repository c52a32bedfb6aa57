package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.viewing.ViewingState;
import dev.parley.functions.domain.viewing.Watcher;
import dev.parley.functions.domain.viewing.Watchers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Viewing state in the connections table, inside each socket's own entry of its user's item
 * ({@link DynamoDbConnectionRepository}), so a fan-out's BatchGetItem of the connections items
 * brings it along at no extra read, and a disconnect removes it with the entry:
 *
 * <pre>
 * c#&lt;connectionId&gt; (M)      the entry: deviceId, connectedAt, expiresAt, and
 *   viewing (S)              the conversation the socket views (viewConversation)
 *   viewingUntil (N, ms)     when that view ends unless refreshed
 * </pre>
 *
 * <p>Size: about 60 bytes for a view; each write is one UpdateItem charged by the item's size (1 write
 * unit per KB). Entries written before activity rounds stopped claiming each socket may still carry
 * {@code a#<conversationId>} numbers until their connection ends; nothing reads them.
 */
public final class DynamoDbViewingState implements ViewingState, Watchers {
    static final String VIEWING = "viewing";
    static final String VIEWING_UNTIL = "viewingUntil";
    private static final String TABLE = "connections table";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;

    public DynamoDbViewingState(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.clock = clock;
    }

    @Override
    public View view(String userId, String connectionId, String conversationId, Instant until) {
        // UPDATED_OLD returns what the write replaced, free: the caller forgets the socket's previous view.
        try {
            UpdateItemResponse response = DynamoDbCalls.call(TABLE, () -> dynamoDb.updateItem(update -> update
                    .tableName(tableName)
                    .key(key(userId))
                    .updateExpression("SET #c.#v = :conv, #c.#u = :until")
                    .conditionExpression("attribute_exists(#c)")
                    .returnValues(ReturnValue.UPDATED_OLD)
                    .expressionAttributeNames(Map.of("#c", entry(connectionId), "#v", VIEWING, "#u", VIEWING_UNTIL))
                    .expressionAttributeValues(Map.of(":conv", AttributeValue.fromS(conversationId),
                            ":until", number(until.toEpochMilli())))));
            return new View(true, viewedBefore(response, connectionId).orElse(null));
        } catch (ConditionalCheckFailedException refused) {
            return new View(false, null);
        }
    }

    @Override
    public Optional<String> stopViewing(String userId, String connectionId) {
        try {
            return viewedBefore(DynamoDbCalls.call(TABLE, () -> dynamoDb.updateItem(update -> update
                    .tableName(tableName)
                    .key(key(userId))
                    .updateExpression("REMOVE #c.#v, #c.#u")
                    .conditionExpression("attribute_exists(#c)")
                    .returnValues(ReturnValue.UPDATED_OLD)
                    .expressionAttributeNames(Map.of("#c", entry(connectionId), "#v", VIEWING, "#u", VIEWING_UNTIL)))),
                    connectionId);
        } catch (ConditionalCheckFailedException refused) {
            return Optional.empty();
        }
    }

    private static Optional<String> viewedBefore(UpdateItemResponse response, String connectionId) {
        AttributeValue entry = response.hasAttributes() ? response.attributes().get(entry(connectionId)) : null;
        if (entry == null || !entry.hasM() || entry.m().get(VIEWING) == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(entry.m().get(VIEWING).s());
    }

    /** The same BatchGetItem as {@link DynamoDbConnectionRepository#findLive}: 100 users a call, eventually consistent. */
    @Override
    public List<Watcher> of(Collection<String> userIds) {
        List<Map<String, AttributeValue>> keys = new LinkedHashSet<>(userIds).stream().map(DynamoDbViewingState::key).toList();
        Instant now = clock.instant();
        List<Watcher> watchers = new ArrayList<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamoDb, tableName, TABLE, keys)) {
            for (Connection connection : DynamoDbConnectionRepository.connectionsOf(item, now)) {
                Map<String, AttributeValue> entry = item.get(entry(connection.connectionId())).m();
                watchers.add(watcher(new Recipient(connection.userId(), connection.connectionId(), connection.deviceId()), entry));
            }
        }
        return watchers;
    }

    private static Watcher watcher(Recipient socket, Map<String, AttributeValue> entry) {
        AttributeValue viewing = entry.get(VIEWING);
        AttributeValue until = entry.get(VIEWING_UNTIL);
        if (viewing == null || viewing.s() == null || until == null || until.n() == null) {
            return Watcher.idle(socket);
        }
        return new Watcher(socket, viewing.s(), Instant.ofEpochMilli(Long.parseLong(until.n())));
    }

    private static String entry(String connectionId) {
        return DynamoDbConnectionRepository.CONNECTION_PREFIX + connectionId;
    }

    private static Map<String, AttributeValue> key(String userId) {
        return DynamoDbConnectionRepository.key(userId);
    }

    private static AttributeValue number(long value) {
        return DynamoDbConnectionRepository.number(value);
    }
}
