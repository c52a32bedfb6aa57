package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.delivery.PushPlatform;
import dev.parley.functions.domain.push.PushRegistration;
import dev.parley.functions.domain.push.PushRegistry;
import dev.parley.functions.domain.delivery.PushTarget;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static dev.parley.functions.adapter.dynamodb.DynamoDbDeviceRegistry.DEVICE_ID;
import static dev.parley.functions.adapter.dynamodb.DynamoDbDeviceRegistry.LAST_SEEN_AT;
import static dev.parley.functions.adapter.dynamodb.DynamoDbDeviceRegistry.REVOKED_AT;
import static dev.parley.functions.adapter.dynamodb.DynamoDbDeviceRegistry.USER_ID;
import static dev.parley.functions.adapter.dynamodb.DynamoDbDeviceRegistry.key;

/**
 * The push attributes of the devices table's device items (layout in {@link DynamoDbDeviceRegistry}):
 *
 * <pre>
 * pushPlatform (S: APNS|APNS_SANDBOX|FCM), pushToken (S), pushEndpointArn (S),
 * pushStatus (S: active|invalid), pushUpdatedAt (N, epoch ms)      all absent when not registered
 * </pre>
 *
 * <p>And the user's push summary, the item at deviceId {@code #push} ({@code #} cannot occur in a
 * device id), which lists the user's ACTIVE registrations, one attribute per device:
 *
 * <pre>
 * p#&lt;deviceId&gt; (M)    platform (S), endpointArn (S)
 * </pre>
 *
 * <p>The send path reads the members' summaries in the same BatchGetItem as their connections
 * (see {@link DynamoDbConnectionRepository#withPushTargets}), half a read unit each, and enqueues a
 * push job only when a registered device is offline; the job carries the targets, so the worker
 * reads no device. One attribute per device, not one map attribute with an entry per device, for
 * the reason the connections table does so: an UpdateItem cannot SET a map entry of a map that
 * does not exist yet, nor create the map in the same expression, and a read first would cost a
 * call. Every change of a registration updates the device's row first, then its summary
 * attribute with a second UpdateItem: SET when it becomes active; REMOVE, conditional on the
 * endpoint ARN the caller saw, when it is removed, taken by another device or marked invalid.
 * A failure between the two leaves the summary behind until the next change of that device; the
 * client's retry of registerDevice/unregisterDevice repairs it.
 *
 * <p>Writes of the rows are single UpdateItems; removing and invalidating are conditional on the
 * endpoint ARN the caller saw, so they never undo a newer registration.
 */
public final class DynamoDbPushRegistry implements PushRegistry {
    static final String PUSH_PLATFORM = "pushPlatform";
    static final String PUSH_TOKEN = "pushToken";
    static final String PUSH_ENDPOINT_ARN = "pushEndpointArn";
    static final String PUSH_STATUS = "pushStatus";
    static final String PUSH_UPDATED_AT = "pushUpdatedAt";
    static final String ACTIVE = "active";
    static final String INVALID = "invalid";
    /** The deviceId of the user's push summary item. */
    static final String SUMMARY = "#push";
    static final String SUMMARY_PREFIX = "p#";
    static final String PLATFORM = "platform";
    static final String ENDPOINT_ARN = "endpointArn";
    private static final String TABLE = "devices table";
    private static final String PROJECTION = String.join(", ", USER_ID, DEVICE_ID, PUSH_PLATFORM, PUSH_TOKEN,
            PUSH_ENDPOINT_ARN, PUSH_STATUS, PUSH_UPDATED_AT, REVOKED_AT, LAST_SEEN_AT);
    private static final String REMOVE = "REMOVE " + String.join(", ", PUSH_PLATFORM, PUSH_TOKEN, PUSH_ENDPOINT_ARN,
            PUSH_STATUS, PUSH_UPDATED_AT);

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbPushRegistry(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Optional<PushRegistration> find(String userId, String deviceId) {
        Map<String, AttributeValue> item = call(() -> dynamoDb.getItem(get -> get.tableName(tableName)
                .key(key(userId, deviceId)).consistentRead(true).projectionExpression(PROJECTION))).item();
        return registration(item);
    }

    @Override
    public void save(PushRegistration registration) {
        call(() -> dynamoDb.updateItem(update -> update.tableName(tableName)
                .key(key(registration.userId(), registration.deviceId()))
                .updateExpression("SET " + PUSH_PLATFORM + " = :p, " + PUSH_TOKEN + " = :t, " + PUSH_ENDPOINT_ARN
                        + " = :e, " + PUSH_STATUS + " = :s, " + PUSH_UPDATED_AT + " = :u")
                .expressionAttributeValues(Map.of(
                        ":p", AttributeValue.fromS(registration.platform().name()),
                        ":t", AttributeValue.fromS(registration.token()),
                        ":e", AttributeValue.fromS(registration.endpointArn()),
                        ":s", AttributeValue.fromS(registration.active() ? ACTIVE : INVALID),
                        ":u", number(registration.updatedAt().toEpochMilli())))));
        if (registration.active()) {
            AttributeValue entry = AttributeValue.fromM(Map.of(
                    PLATFORM, AttributeValue.fromS(registration.platform().name()),
                    ENDPOINT_ARN, AttributeValue.fromS(registration.endpointArn())));
            call(() -> dynamoDb.updateItem(update -> update.tableName(tableName)
                    .key(key(registration.userId(), SUMMARY))
                    .updateExpression("SET #d = :entry")
                    .expressionAttributeNames(Map.of("#d", SUMMARY_PREFIX + registration.deviceId()))
                    .expressionAttributeValues(Map.of(":entry", entry))));
        } else {
            forget(registration.userId(), registration.deviceId(), registration.endpointArn());
        }
    }

    @Override
    public Optional<PushRegistration> remove(String userId, String deviceId) {
        try {
            UpdateItemResponse response = call(() -> dynamoDb.updateItem(update -> update.tableName(tableName)
                    .key(key(userId, deviceId))
                    .updateExpression(REMOVE)
                    .conditionExpression("attribute_exists(" + PUSH_ENDPOINT_ARN + ")")
                    .returnValues(ReturnValue.ALL_OLD)));
            Optional<PushRegistration> removed = registration(response.attributes());
            removed.ifPresent(old -> forget(userId, deviceId, old.endpointArn()));
            return removed;
        } catch (ConditionalCheckFailedException none) {
            return Optional.empty();
        }
    }

    @Override
    public boolean removeIfEndpoint(String userId, String deviceId, String endpointArn) {
        return conditional(userId, deviceId, REMOVE, Map.of(":e", AttributeValue.fromS(endpointArn)))
                && forget(userId, deviceId, endpointArn);
    }

    @Override
    public List<PushRegistration> all(String userId) {
        return query(userId, "attribute_exists(" + PUSH_ENDPOINT_ARN + ")", Map.of(), false);
    }

    @Override
    public List<PushRegistration> active(String userId) {
        return query(userId, PUSH_STATUS + " = :active", Map.of(":active", AttributeValue.fromS(ACTIVE)), true).stream()
                .filter(PushRegistration::active)
                .toList();
    }

    @Override
    public boolean markInvalid(String userId, String deviceId, String endpointArn, Instant at) {
        return conditional(userId, deviceId, "SET " + PUSH_STATUS + " = :invalid, " + PUSH_UPDATED_AT + " = :u",
                Map.of(":e", AttributeValue.fromS(endpointArn), ":invalid", AttributeValue.fromS(INVALID),
                        ":u", number(at.toEpochMilli())))
                && forget(userId, deviceId, endpointArn);
    }

    /**
     * Removes the device from the user's push summary while its entry still points at
     * {@code endpointArn} (idempotent: a missing entry fails the condition, which is fine).
     *
     * @return true, so it chains after a row update that succeeded
     */
    private boolean forget(String userId, String deviceId, String endpointArn) {
        try {
            call(() -> dynamoDb.updateItem(update -> update.tableName(tableName)
                    .key(key(userId, SUMMARY))
                    .updateExpression("REMOVE #d")
                    .conditionExpression("#d.#e = :e")
                    .expressionAttributeNames(Map.of("#d", SUMMARY_PREFIX + deviceId, "#e", ENDPOINT_ARN))
                    .expressionAttributeValues(Map.of(":e", AttributeValue.fromS(endpointArn)))));
        } catch (ConditionalCheckFailedException already) {
            // not listed, or listed with a newer endpoint: nothing to forget
        }
        return true;
    }

    /** The key of the user's push summary item, for a BatchGetItem with the connections. */
    static Map<String, AttributeValue> summaryKey(String userId) {
        return key(userId, SUMMARY);
    }

    /** The active registrations a push summary item lists; unknown platforms are skipped. */
    static List<PushTarget> targets(Map<String, AttributeValue> summary) {
        String userId = summary.get(USER_ID).s();
        List<PushTarget> targets = new ArrayList<>();
        summary.forEach((name, value) -> {
            if (name.startsWith(SUMMARY_PREFIX) && value.hasM() && value.m().containsKey(ENDPOINT_ARN)
                    && value.m().containsKey(PLATFORM)) {
                PushPlatform.named(value.m().get(PLATFORM).s()).ifPresent(platform -> targets.add(new PushTarget(
                        userId, name.substring(SUMMARY_PREFIX.length()), platform, value.m().get(ENDPOINT_ARN).s())));
            }
        });
        return targets;
    }

    /** Runs the update if the row still points at the endpoint {@code :e}. */
    private boolean conditional(String userId, String deviceId, String expression, Map<String, AttributeValue> values) {
        try {
            call(() -> dynamoDb.updateItem(update -> update.tableName(tableName)
                    .key(key(userId, deviceId))
                    .updateExpression(expression)
                    .conditionExpression(PUSH_ENDPOINT_ARN + " = :e")
                    .expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException other) {
            return false;
        }
    }

    /** The user's registrations that pass {@code filter}, without those of revoked devices if {@code skipRevoked}. */
    private List<PushRegistration> query(String userId, String filter, Map<String, AttributeValue> filterValues,
                                         boolean skipRevoked) {
        Map<String, AttributeValue> values = new HashMap<>(filterValues);
        values.put(":u", AttributeValue.fromS(userId));
        List<PushRegistration> registrations = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = call(() -> dynamoDb.query(query -> query.tableName(tableName)
                    .keyConditionExpression(USER_ID + " = :u")
                    .filterExpression(filter)
                    .projectionExpression(PROJECTION)
                    .expressionAttributeValues(values)
                    .exclusiveStartKey(from)));
            for (Map<String, AttributeValue> item : page.items()) {
                registration(item).filter(found -> !skipRevoked || !revoked(item)).ifPresent(registrations::add);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return registrations;
    }

    /** Revoked and not signed in again since, as {@link dev.parley.functions.domain.device.DeviceRecord#revoked} decides. */
    private static boolean revoked(Map<String, AttributeValue> item) {
        AttributeValue revokedAt = item.get(REVOKED_AT);
        AttributeValue lastSeenAt = item.get(LAST_SEEN_AT);
        return revokedAt != null && (lastSeenAt == null || Long.parseLong(revokedAt.n()) >= Long.parseLong(lastSeenAt.n()));
    }

    private static Optional<PushRegistration> registration(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey(PUSH_ENDPOINT_ARN)) {
            return Optional.empty();
        }
        Optional<PushPlatform> platform = PushPlatform.named(item.get(PUSH_PLATFORM).s());
        return platform.map(known -> new PushRegistration(item.get(USER_ID).s(), item.get(DEVICE_ID).s(), known,
                item.get(PUSH_TOKEN).s(), item.get(PUSH_ENDPOINT_ARN).s(), ACTIVE.equals(item.get(PUSH_STATUS).s()),
                Instant.ofEpochMilli(Long.parseLong(item.get(PUSH_UPDATED_AT).n()))));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static <T> T call(Supplier<T> request) {
        return DynamoDbCalls.call(TABLE, request);
    }
}
