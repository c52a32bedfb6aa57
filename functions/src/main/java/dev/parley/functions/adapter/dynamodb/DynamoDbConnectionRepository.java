package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.ConnectionRepository;
import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.delivery.PushTarget;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The connections table.
 *
 * <pre>
 * partition key  userId (S)          one item per user; no sort key, no index
 * c#&lt;connectionId&gt; (M)              one attribute per live connection:
 *                                      deviceId (S), connectedAt (N, epoch ms), expiresAt (N, epoch s),
 *                                      and what the socket views ({@link DynamoDbViewingState})
 * expiresAt (N, epoch s)              TTL of the item: the latest connect + 2 h 10 min
 * </pre>
 *
 * <p>Why one item per user: fan-out to the members of a conversation reads their connections
 * with BatchGetItem, 100 users a call, so a send costs about M/100 reads and never a Query per
 * member or a Scan. Connect and disconnect are single UpdateItems that touch only their own
 * attribute, so concurrent connects of several devices do not overwrite each other.
 *
 * <p>DynamoDB's TTL deletes a whole item, and only days late at worst. Each connection therefore
 * carries its own {@code expiresAt}, and reads skip entries past it; that covers a
 * {@code $disconnect} that API Gateway never delivered.
 *
 * <p>Given the devices table, {@link #withPushTargets} reads the users' push summaries
 * ({@link DynamoDbPushRegistry}) in the same BatchGetItem calls as their connections.
 */
public final class DynamoDbConnectionRepository implements ConnectionRepository, LiveConnections {
    static final String USER_ID = "userId";
    static final String CONNECTION_PREFIX = "c#";
    static final String DEVICE_ID = "deviceId";
    static final String CONNECTED_AT = "connectedAt";
    static final String EXPIRES_AT = "expiresAt";
    private static final String TABLE = "connections table";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;
    private final String devicesTableName;

    public DynamoDbConnectionRepository(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this(dynamoDb, tableName, Optional.empty(), clock);
    }

    /** @param devicesTableName the devices table, for {@link #withPushTargets}; empty: push lookups off */
    public DynamoDbConnectionRepository(DynamoDbClient dynamoDb, String tableName, Optional<String> devicesTableName,
                                        Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.devicesTableName = devicesTableName.orElse(null);
        this.clock = clock;
    }

    @Override
    public void save(Connection connection) {
        AttributeValue entry = AttributeValue.fromM(Map.of(
                DEVICE_ID, AttributeValue.fromS(connection.deviceId()),
                CONNECTED_AT, number(connection.connectedAt().toEpochMilli()),
                EXPIRES_AT, number(connection.expiresAt().getEpochSecond())));
        call(() -> dynamoDb.updateItem(update -> update
                .tableName(tableName)
                .key(key(connection.userId()))
                .updateExpression("SET #c = :conn, " + EXPIRES_AT + " = :exp")
                .expressionAttributeNames(Map.of("#c", CONNECTION_PREFIX + connection.connectionId()))
                .expressionAttributeValues(Map.of(
                        ":conn", entry,
                        ":exp", number(connection.expiresAt().getEpochSecond())))));
    }

    @Override
    public void remove(String userId, String connectionId) {
        call(() -> dynamoDb.updateItem(update -> update
                .tableName(tableName)
                .key(key(userId))
                .updateExpression("REMOVE #c")
                .expressionAttributeNames(Map.of("#c", CONNECTION_PREFIX + connectionId))));
    }

    /** One conditional UpdateItem: an entry saved at or after {@code connectedBefore} stays. */
    @Override
    public void removeGone(String userId, String connectionId, Instant connectedBefore) {
        try {
            call(() -> dynamoDb.updateItem(update -> update
                    .tableName(tableName)
                    .key(key(userId))
                    .updateExpression("REMOVE #c")
                    .conditionExpression("#c." + CONNECTED_AT + " < :before")
                    .expressionAttributeNames(Map.of("#c", CONNECTION_PREFIX + connectionId))
                    .expressionAttributeValues(Map.of(":before", number(connectedBefore.toEpochMilli())))));
        } catch (ConditionalCheckFailedException stillConnecting) {
            // absent already, or saved by a $connect still under way: leave it
        }
    }

    /** One UpdateItem: the REMOVE returns the item as it is after it (ReturnValues ALL_NEW), which holds the rest. */
    @Override
    public List<Connection> removeReturningLive(String userId, String connectionId, Instant now) {
        Map<String, AttributeValue> item = call(() -> dynamoDb.updateItem(update -> update
                .tableName(tableName)
                .key(key(userId))
                .updateExpression("REMOVE #c")
                .expressionAttributeNames(Map.of("#c", CONNECTION_PREFIX + connectionId))
                .returnValues(ReturnValue.ALL_NEW))).attributes();
        return item == null || item.isEmpty() ? List.of() : connectionsOf(item, now);
    }

    @Override
    public List<Connection> findLive(Collection<String> userIds, Instant now) {
        List<Map<String, AttributeValue>> keys = new LinkedHashSet<>(userIds).stream()
                .map(DynamoDbConnectionRepository::key)
                .toList();
        List<Connection> live = new ArrayList<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamoDb, tableName, TABLE, keys)) {
            live.addAll(connectionsOf(item, now));
        }
        return live;
    }

    /** One user's live connections: a strongly consistent GetItem, so a connect just made is seen. */
    @Override
    public List<Connection> findLive(String userId, Instant now) {
        Map<String, AttributeValue> item = call(() -> dynamoDb.getItem(get -> get
                .tableName(tableName)
                .key(key(userId))
                .consistentRead(true))).item();
        return item == null || item.isEmpty() ? List.of() : connectionsOf(item, now);
    }

    /** The recipients of a fan-out: {@link #findLive} at the clock's now, eventually consistent like every read here. */
    @Override
    public List<Recipient> of(Collection<String> userIds) {
        return findLive(userIds, clock.instant()).stream()
                .map(connection -> new Recipient(connection.userId(), connection.connectionId(), connection.deviceId()))
                .toList();
    }

    /**
     * The recipients of a fan-out and the users' active push registrations: the connections items and
     * the devices table's {@code #push} items in the same BatchGetItem calls (100 keys a call, of
     * either table), so a 1:1 send still makes one call. Without a devices table: {@link #of} only.
     */
    @Override
    public Reach withPushTargets(Collection<String> userIds) {
        if (devicesTableName == null) {
            return LiveConnections.super.withPushTargets(userIds);
        }
        List<String> users = List.copyOf(new LinkedHashSet<>(userIds));
        Map<String, List<Map<String, AttributeValue>>> items = BatchGet.items(dynamoDb, "connections and devices tables",
                Map.of(tableName, users.stream().map(DynamoDbConnectionRepository::key).toList(),
                        devicesTableName, users.stream().map(DynamoDbPushRegistry::summaryKey).toList()));
        Instant now = clock.instant();
        List<Recipient> live = new ArrayList<>();
        for (Map<String, AttributeValue> item : items.getOrDefault(tableName, List.of())) {
            for (Connection connection : connectionsOf(item, now)) {
                live.add(new Recipient(connection.userId(), connection.connectionId(), connection.deviceId()));
            }
        }
        List<PushTarget> registered = new ArrayList<>();
        for (Map<String, AttributeValue> item : items.getOrDefault(devicesTableName, List.of())) {
            registered.addAll(DynamoDbPushRegistry.targets(item));
        }
        return new Reach(live, registered);
    }

    static List<Connection> connectionsOf(Map<String, AttributeValue> item, Instant now) {
        String userId = item.get(USER_ID).s();
        List<Connection> connections = new ArrayList<>();
        item.forEach((name, value) -> {
            if (name.startsWith(CONNECTION_PREFIX) && value.hasM()) {
                Map<String, AttributeValue> entry = value.m();
                Connection connection = new Connection(
                        name.substring(CONNECTION_PREFIX.length()),
                        userId,
                        entry.get(DEVICE_ID).s(),
                        Instant.ofEpochMilli(Long.parseLong(entry.get(CONNECTED_AT).n())),
                        Instant.ofEpochSecond(Long.parseLong(entry.get(EXPIRES_AT).n())));
                if (connection.isLiveAt(now)) {
                    connections.add(connection);
                }
            }
        });
        return connections;
    }

    static Map<String, AttributeValue> key(String userId) {
        return Map.of(USER_ID, AttributeValue.fromS(userId));
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static <T> T call(Supplier<T> request) {
        return DynamoDbCalls.call(TABLE, request);
    }
}
