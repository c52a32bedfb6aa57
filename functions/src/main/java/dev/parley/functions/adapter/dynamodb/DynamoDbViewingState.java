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
 *   viewing (S)              the conversation the socket views (viewConversation), or last viewed
 *   viewingUntil (N, ms)     when that view ends unless refreshed, or when stopViewing ended it
 * </pre>
 *
 * <p>{@code stopViewing} ends the view at its time instead of removing it, so an activity round can tell a
 * socket that looked away after the previous round ({@link dev.parley.functions.domain.viewing.ActivityHints}).
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
            return new View(true, viewedBefore(response, connectionId, clock.instant()).orElse(null));
        } catch (ConditionalCheckFailedException refused) {
            return new View(false, null);
        }
    }

    @Override
    public Optional<String> stopViewing(String userId, String connectionId) {
        Instant now = clock.instant();
        try {
            // Ends the view now only if it is on: an ended one keeps its end, so a repeat moves nothing.
            return viewedBefore(DynamoDbCalls.call(TABLE, () -> dynamoDb.updateItem(update -> update
                    .tableName(tableName)
                    .key(key(userId))
                    .updateExpression("SET #c.#u = :now")
                    .conditionExpression("attribute_exists(#c.#u) AND #c.#u > :now")
                    .returnValues(ReturnValue.ALL_OLD)
                    .expressionAttributeNames(Map.of("#c", entry(connectionId), "#u", VIEWING_UNTIL))
                    .expressionAttributeValues(Map.of(":now", number(now.toEpochMilli()))))),
                    connectionId, now);
        } catch (ConditionalCheckFailedException refused) {
            return Optional.empty();
        }
    }

    /** The conversation the socket viewed before the write, if that view had not ended by {@code now}. */
    private static Optional<String> viewedBefore(UpdateItemResponse response, String connectionId, Instant now) {
        AttributeValue entry = response.hasAttributes() ? response.attributes().get(entry(connectionId)) : null;
        AttributeValue viewing = entry == null || !entry.hasM() ? null : entry.m().get(VIEWING);
        AttributeValue until = viewing == null ? null : entry.m().get(VIEWING_UNTIL);
        if (until == null || until.n() == null || Long.parseLong(until.n()) <= now.toEpochMilli()) {
            return Optional.empty();
        }
        return Optional.ofNullable(viewing.s());
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
                watchers.add(watcher(new Recipient(connection.userId(), connection.connectionId(), connection.deviceId()), entry,
                        connection.connectedAt()));
            }
        }
        return watchers;
    }

    private static Watcher watcher(Recipient socket, Map<String, AttributeValue> entry, Instant connectedAt) {
        AttributeValue viewing = entry.get(VIEWING);
        AttributeValue until = entry.get(VIEWING_UNTIL);
        if (viewing == null || viewing.s() == null || until == null || until.n() == null) {
            return new Watcher(socket, null, null, connectedAt);
        }
        return new Watcher(socket, viewing.s(), Instant.ofEpochMilli(Long.parseLong(until.n())), connectedAt);
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
