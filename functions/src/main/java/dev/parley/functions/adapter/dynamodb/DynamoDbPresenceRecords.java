package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.presence.PresenceRecords;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static dev.parley.functions.adapter.dynamodb.DynamoDbDeviceRegistry.USER_ID;

/**
 * Each user's last published presence: the devices table's item with sort key {@code #presence}
 * ({@code #} never occurs in a device id), attributes {@code state} (S: online|offline),
 * {@code changedAt} (N, epoch ms) and {@code lastSeenAt} (N, epoch ms, set when going offline).
 * Each transition is one conditional UpdateItem, so concurrent connects announce once; reading
 * last-seen times is one BatchGetItem per 100 users.
 */
public final class DynamoDbPresenceRecords implements PresenceRecords {
    static final String PRESENCE = "#presence";
    private static final String TABLE = "devices table";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbPresenceRecords(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public boolean markOnline(String userId, Instant at) {
        return transition(userId, "SET #s = :online, changedAt = :at",
                "attribute_not_exists(#s) OR #s <> :online", Map.of(":online", AttributeValue.fromS("online"),
                        ":at", number(at.toEpochMilli())));
    }

    @Override
    public boolean markOffline(String userId, Instant at) {
        return transition(userId, "SET #s = :offline, changedAt = :at, lastSeenAt = :at", "#s = :online", Map.of(
                ":online", AttributeValue.fromS("online"), ":offline", AttributeValue.fromS("offline"),
                ":at", number(at.toEpochMilli())));
    }

    @Override
    public Map<String, Long> lastSeen(Collection<String> userIds) {
        List<Map<String, AttributeValue>> keys = new LinkedHashSet<>(userIds).stream()
                .map(userId -> DynamoDbDeviceRegistry.key(userId, PRESENCE))
                .toList();
        Map<String, Long> lastSeen = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamoDb, tableName, TABLE, keys)) {
            AttributeValue at = item.get("lastSeenAt");
            if (at != null && at.n() != null) {
                lastSeen.put(item.get(USER_ID).s(), Long.parseLong(at.n()));
            }
        }
        return lastSeen;
    }

    private boolean transition(String userId, String update, String condition, Map<String, AttributeValue> values) {
        try {
            DynamoDbCalls.call(TABLE, () -> dynamoDb.updateItem(request -> request
                    .tableName(tableName)
                    .key(DynamoDbDeviceRegistry.key(userId, PRESENCE))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#s", "state"))
                    .expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException unchanged) {
            return false;
        }
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
