package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.device.DeviceRecord;
import dev.parley.functions.domain.device.DeviceRegistry;
import dev.parley.functions.domain.device.PushRegistrations;
import dev.parley.functions.domain.device.Revocations;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The devices table.
 *
 * <pre>
 * partition key  userId (S)
 * sort key       deviceId (S)      a device id as the client sends it on connect, or "*"
 * device item:   platform (S: ios|android|web|unknown), firstSeenAt (N, epoch ms), lastSeenAt (N, epoch ms),
 *                revokedAt (N, epoch ms; only once revoked)
 *                push attributes (pushPlatform, pushToken, pushEndpointArn, pushStatus, pushUpdatedAt):
 *                see {@link DynamoDbPushRegistry}
 * "*" item:      revokedAt (N, epoch ms): the user's last signOutEverywhere, which revokes every device
 * "#..." items:  per-user items that are not devices, such as "#settings" and "#presence"
 * </pre>
 *
 * <p>Device ids never contain {@code *} (the authorizer allows {@code [A-Za-z0-9_-]} only), so the
 * user-wide item cannot collide with a device. The authorizer reads both items of a connecting
 * device in one strongly consistent BatchGetItem: a revocation is effective from its write on.
 */
public final class DynamoDbDeviceRegistry implements DeviceRegistry, PushRegistrations {
    static final String USER_ID = "userId";
    static final String DEVICE_ID = "deviceId";
    static final String PLATFORM = "platform";
    static final String FIRST_SEEN_AT = "firstSeenAt";
    static final String LAST_SEEN_AT = "lastSeenAt";
    static final String REVOKED_AT = "revokedAt";
    /** The sort key of the user-wide revocation item. */
    static final String ALL_DEVICES = "*";
    /** The first character of the sort keys of per-user items that are not devices. */
    static final String NOT_A_DEVICE = "#";
    private static final String TABLE = "devices table";
    private static final int MAX_UNPROCESSED_ROUNDS = 5;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbDeviceRegistry(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public void seen(String userId, String deviceId, String platform, Instant at) {
        call(() -> dynamoDb.updateItem(update -> update
                .tableName(tableName)
                .key(key(userId, deviceId))
                .updateExpression("SET " + LAST_SEEN_AT + " = :now, " + PLATFORM + " = :p, "
                        + FIRST_SEEN_AT + " = if_not_exists(" + FIRST_SEEN_AT + ", :now)")
                .expressionAttributeValues(Map.of(":now", number(at.toEpochMilli()), ":p", AttributeValue.fromS(platform)))));
    }

    @Override
    public List<DeviceRecord> list(String userId) {
        List<DeviceRecord> devices = new ArrayList<>();
        forEachItem(userId, false, item -> {
            String deviceId = item.get(DEVICE_ID).s();
            if (!ALL_DEVICES.equals(deviceId) && !deviceId.startsWith(NOT_A_DEVICE)) {
                devices.add(device(item));
            }
        });
        return devices;
    }

    /** Every item of the user, page by page; {@code keysOnly} reads the keys alone, strongly consistent. */
    private void forEachItem(String userId, boolean keysOnly, java.util.function.Consumer<Map<String, AttributeValue>> action) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = call(() -> dynamoDb.query(query -> query
                    .tableName(tableName)
                    .keyConditionExpression(USER_ID + " = :u")
                    .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId)))
                    .projectionExpression(keysOnly ? USER_ID + ", " + DEVICE_ID : null)
                    .consistentRead(keysOnly ? Boolean.TRUE : null)
                    .exclusiveStartKey(from)));
            page.items().forEach(action);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    @Override
    public boolean revoke(String userId, String deviceId, Instant at) {
        try {
            call(() -> dynamoDb.updateItem(update -> update
                    .tableName(tableName)
                    .key(key(userId, deviceId))
                    .updateExpression("SET " + REVOKED_AT + " = :now")
                    .conditionExpression("attribute_exists(" + DEVICE_ID + ")")
                    .expressionAttributeValues(Map.of(":now", number(at.toEpochMilli())))));
            return true;
        } catch (ConditionalCheckFailedException unknown) {
            return false;
        }
    }

    @Override
    public void revokeAll(String userId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(userId, ALL_DEVICES));
        item.put(REVOKED_AT, number(at.toEpochMilli()));
        call(() -> dynamoDb.putItem(put -> put.tableName(tableName).item(item)));
    }

    /** A Query of the user's keys, then one DeleteItem per item; a user has a handful. */
    @Override
    public void forget(String userId) {
        forEachItem(userId, true, item -> {
            String deviceId = item.get(DEVICE_ID).s();
            if (!ALL_DEVICES.equals(deviceId)) {
                call(() -> dynamoDb.deleteItem(delete -> delete.tableName(tableName).key(key(userId, deviceId))));
            }
        });
    }

    /** One BatchGetItem, strongly consistent, of the device's item and the user-wide item. */
    @Override
    public Revocations revocations(String userId, String deviceId) {
        Map<String, KeysAndAttributes> request = Map.of(tableName, KeysAndAttributes.builder()
                .keys(key(userId, deviceId), key(userId, ALL_DEVICES))
                .projectionExpression("#d, " + REVOKED_AT)
                .expressionAttributeNames(Map.of("#d", DEVICE_ID))
                .consistentRead(true)
                .build());
        Instant device = null;
        Instant user = null;
        for (int round = 0; round < MAX_UNPROCESSED_ROUNDS && !request.isEmpty(); round++) {
            Map<String, KeysAndAttributes> ask = request;
            BatchGetItemResponse response = call(() -> dynamoDb.batchGetItem(get -> get.requestItems(ask)));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                Instant revokedAt = instant(item.get(REVOKED_AT));
                if (ALL_DEVICES.equals(item.get(DEVICE_ID).s())) {
                    user = revokedAt;
                } else {
                    device = revokedAt;
                }
            }
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        if (!request.isEmpty()) {
            throw new IllegalStateException("The devices table left revocation keys unprocessed " + MAX_UNPROCESSED_ROUNDS + " times.");
        }
        return new Revocations(device, user);
    }

    /** One strongly consistent GetItem of the device's push status. */
    @Override
    public boolean required(String userId, String deviceId) {
        Map<String, AttributeValue> item = call(() -> dynamoDb.getItem(get -> get
                .tableName(tableName)
                .key(key(userId, deviceId))
                .projectionExpression(DynamoDbPushRegistry.PUSH_STATUS)
                .consistentRead(true))).item();
        AttributeValue status = item == null ? null : item.get(DynamoDbPushRegistry.PUSH_STATUS);
        return status != null && DynamoDbPushRegistry.INVALID.equals(status.s());
    }

    private static DeviceRecord device(Map<String, AttributeValue> item) {
        AttributeValue platform = item.get(PLATFORM);
        return new DeviceRecord(item.get(USER_ID).s(), item.get(DEVICE_ID).s(),
                platform == null ? DeviceRecord.UNKNOWN_PLATFORM : platform.s(),
                instant(item.get(FIRST_SEEN_AT)), instant(item.get(LAST_SEEN_AT)), instant(item.get(REVOKED_AT)));
    }

    private static Instant instant(AttributeValue epochMillis) {
        return epochMillis == null || epochMillis.n() == null ? null : Instant.ofEpochMilli(Long.parseLong(epochMillis.n()));
    }

    /** The key of one item of the user: a device, {@link #ALL_DEVICES} or a {@code #} item. */
    static Map<String, AttributeValue> key(String userId, String deviceId) {
        return Map.of(USER_ID, AttributeValue.fromS(userId), DEVICE_ID, AttributeValue.fromS(deviceId));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static <T> T call(Supplier<T> request) {
        return DynamoDbCalls.call(TABLE, request);
    }
}
