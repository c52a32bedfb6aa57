package dev.parley.functions.adapter.dynamodb;

import static dev.parley.functions.adapter.dynamodb.DynamoDbKeyLog.bytes;
import static dev.parley.functions.adapter.dynamodb.DynamoDbKeyLog.number;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.keys.DeviceKeys;
import dev.parley.functions.domain.keys.ForgetKeys;
import dev.parley.functions.domain.keys.KeyCounts;
import dev.parley.functions.domain.keys.KeyDirectory;
import dev.parley.functions.domain.keys.KeyLogEntry;
import dev.parley.functions.domain.keys.SignedKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys table: the key directory, modelled on Signal-Server's key stores (one-time EC and KEM
 * keys per device, a signed EC prekey and a KEM last-resort key per device), plus each user's key
 * log ({@link DynamoDbKeyLog}). Keys are stored as bytes (B), never as base64.
 *
 * <pre>
 * partition key pk (S), sort key sk (S)
 * pk userId        sk "#user"                 nextDeviceNum (N): the user's device number counter
 *                  sk "id#" + deviceId        deviceNum (N): allocated once, kept after revocation
 *                  sk "device#" + num(10)     deviceId, registrationId (N), identityKey (B), signedPreKeyId (N),
 *                                             signedPreKey (B), signedPreKeySignature (B), ecCount (N), kyberCount (N)
 *                  sk "lastResort#" + num(10) keyId (N), publicKey (B), signature (B): apart from the device item,
 *                                             so the counter updates of a claim write a small item (1 unit, not 2)
 *                  sk "log#" + seq(12)        the key log: {@link DynamoDbKeyLog}
 * pk userId#num    sk "ec#" + keyId(8)        publicKey (B): one-time EC prekeys
 *                  sk "kyber#" + keyId(8)     publicKey (B), signature (B): one-time Kyber prekeys
 * </pre>
 *
 * <p>The one-time keys' partitions are {@link DynamoDbOneTimeKeys}'s.
 */
public final class DynamoDbKeyDirectory implements KeyDirectory, ForgetKeys {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String USER = "#user";
    static final String NEXT_DEVICE_NUM = "nextDeviceNum";
    static final String ID_PREFIX = "id#";
    static final String DEVICE_PREFIX = "device#";
    static final String LAST_RESORT_PREFIX = "lastResort#";
    static final String DEVICE_NUM = "deviceNum";
    static final String DEVICE_ID = "deviceId";
    static final String REGISTRATION_ID = "registrationId";
    static final String IDENTITY_KEY = "identityKey";
    static final String SIGNED_PRE_KEY_ID = "signedPreKeyId";
    static final String SIGNED_PRE_KEY = "signedPreKey";
    static final String SIGNED_PRE_KEY_SIGNATURE = "signedPreKeySignature";
    static final String EC_COUNT = "ecCount";
    static final String KYBER_COUNT = "kyberCount";
    static final String KEY_ID = "keyId";
    static final String PUBLIC_KEY = "publicKey";
    static final String SIGNATURE = "signature";
    private static final String TABLE = "keys table";
    private static final Set<String> THROTTLED = Set.of("ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded");
    private static final Set<String> REFUSED = Set.of("ConditionalCheckFailed", "TransactionConflict");

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DynamoDbOneTimeKeys oneTimeKeys;

    public DynamoDbKeyDirectory(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.oneTimeKeys = new DynamoDbOneTimeKeys(dynamoDb, tableName);
    }

    @Override
    public int deviceNum(String userId, String deviceId) {
        Optional<Integer> existing = existingDeviceNum(userId, deviceId);
        if (existing.isPresent()) {
            return existing.get();
        }
        int next = Integer.parseInt(call(() -> dynamoDb.updateItem(update -> update
                .tableName(tableName)
                .key(key(userId, USER))
                .updateExpression("ADD " + NEXT_DEVICE_NUM + " :one")
                .expressionAttributeValues(Map.of(":one", number(1)))
                .returnValues(ReturnValue.UPDATED_NEW))).attributes().get(NEXT_DEVICE_NUM).n());
        Map<String, AttributeValue> item = key(userId, ID_PREFIX + deviceId);
        item.put(DEVICE_NUM, number(next));
        try {
            call(() -> dynamoDb.putItem(put -> put.tableName(tableName).item(item).conditionExpression("attribute_not_exists(sk)")));
            return next;
        } catch (ConditionalCheckFailedException raced) {
            // The same device's other request allocated first; this number is simply never used.
            return existingDeviceNum(userId, deviceId).orElseThrow();
        }
    }

    @Override
    public Optional<Integer> existingDeviceNum(String userId, String deviceId) {
        return get(key(userId, ID_PREFIX + deviceId)).map(item -> Integer.parseInt(item.get(DEVICE_NUM).n()));
    }

    @Override
    public Optional<DeviceKeys> device(String userId, int deviceNum) {
        return get(key(userId, deviceSortKey(deviceNum))).map(item -> device(userId, item));
    }

    @Override
    public List<DeviceKeys> devices(String userId) {
        return call(() -> dynamoDb.query(query -> query
                        .tableName(tableName)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(userId), ":prefix", AttributeValue.fromS(DEVICE_PREFIX)))
                        .consistentRead(true)))
                .items().stream().map(item -> device(userId, item)).toList();
    }

    @Override
    public boolean install(DeviceKeys device, SignedKey lastResort, Integer replacedRegistrationId, KeyLogEntry entry) {
        Map<String, AttributeValue> item = key(device.userId(), deviceSortKey(device.deviceNum()));
        item.put(DEVICE_ID, AttributeValue.fromS(device.deviceId()));
        item.put(REGISTRATION_ID, number(device.registrationId()));
        item.put(IDENTITY_KEY, bytes(device.identityKey()));
        putSignedPreKey(item, device.signedPreKey());
        item.put(EC_COUNT, number(0));
        item.put(KYBER_COUNT, number(0));
        Put.Builder putDevice = Put.builder().tableName(tableName).item(item);
        if (replacedRegistrationId == null) {
            putDevice.conditionExpression("attribute_not_exists(sk)");
        } else {
            putDevice.conditionExpression(REGISTRATION_ID + " = :replaced")
                    .expressionAttributeValues(Map.of(":replaced", number(replacedRegistrationId)));
        }
        return transact(List.of(
                TransactWriteItem.builder().put(putDevice.build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(tableName)
                        .item(lastResortItem(device.userId(), device.deviceNum(), lastResort)).build()).build(),
                appendToLog(device.userId(), entry)));
    }

    @Override
    public void replaceSignedKeys(String userId, int deviceNum, SignedKey signedPreKey, SignedKey lastResort) {
        if (signedPreKey != null) {
            call(() -> dynamoDb.updateItem(update -> update
                    .tableName(tableName)
                    .key(key(userId, deviceSortKey(deviceNum)))
                    .updateExpression("SET " + SIGNED_PRE_KEY_ID + " = :id, " + SIGNED_PRE_KEY + " = :key, "
                            + SIGNED_PRE_KEY_SIGNATURE + " = :signature")
                    .expressionAttributeValues(Map.of(":id", number(signedPreKey.keyId()),
                            ":key", bytes(signedPreKey.publicKey()), ":signature", bytes(signedPreKey.signature())))));
        }
        if (lastResort != null) {
            call(() -> dynamoDb.putItem(put -> put.tableName(tableName).item(lastResortItem(userId, deviceNum, lastResort))));
        }
    }

    @Override
    public KeyCounts addOneTimeKeys(String userId, int deviceNum, List<SignedKey> ec, List<SignedKey> kyber) {
        oneTimeKeys.put(userId, deviceNum, ec, kyber);
        // Recounted rather than added up: a retried publish overwrites the same key ids.
        KeyCounts counts = oneTimeKeys.count(userId, deviceNum);
        call(() -> dynamoDb.updateItem(update -> update
                .tableName(tableName)
                .key(key(userId, deviceSortKey(deviceNum)))
                .updateExpression("SET " + EC_COUNT + " = :ec, " + KYBER_COUNT + " = :kyber")
                .expressionAttributeValues(Map.of(":ec", number(counts.ec()), ":kyber", number(counts.kyber())))));
        return counts;
    }

    @Override
    public void dropOneTimeKeys(String userId, int deviceNum) {
        oneTimeKeys.drop(userId, deviceNum);
    }

    @Override
    public Optional<SignedKey> takeOneTimeEc(String userId, int deviceNum) {
        return oneTimeKeys.take(userId, deviceNum, DynamoDbOneTimeKeys.Kind.EC);
    }

    @Override
    public Optional<SignedKey> takeOneTimeKyber(String userId, int deviceNum) {
        return oneTimeKeys.take(userId, deviceNum, DynamoDbOneTimeKeys.Kind.KYBER);
    }

    @Override
    public KeyCounts taken(String userId, int deviceNum, int ec, int kyber) {
        try {
            Map<String, AttributeValue> counts = call(() -> dynamoDb.updateItem(update -> update
                    .tableName(tableName)
                    .key(key(userId, deviceSortKey(deviceNum)))
                    .updateExpression("ADD " + EC_COUNT + " :ec, " + KYBER_COUNT + " :kyber")
                    .conditionExpression("attribute_exists(sk)")
                    .expressionAttributeValues(Map.of(":ec", number(-ec), ":kyber", number(-kyber)))
                    .returnValues(ReturnValue.ALL_NEW))).attributes();
            return new KeyCounts(Math.max(0, Integer.parseInt(counts.get(EC_COUNT).n())),
                    Math.max(0, Integer.parseInt(counts.get(KYBER_COUNT).n())));
        } catch (ConditionalCheckFailedException revoked) {
            return new KeyCounts(0, 0);
        }
    }

    @Override
    public Optional<SignedKey> lastResort(String userId, int deviceNum) {
        return get(key(userId, LAST_RESORT_PREFIX + num(deviceNum))).map(item -> new SignedKey(
                Integer.parseInt(item.get(KEY_ID).n()), item.get(PUBLIC_KEY).b().asByteArray(), item.get(SIGNATURE).b().asByteArray()));
    }

    @Override
    public boolean remove(DeviceKeys device, KeyLogEntry entry) {
        return transact(List.of(
                TransactWriteItem.builder().delete(Delete.builder().tableName(tableName)
                        .key(key(device.userId(), deviceSortKey(device.deviceNum())))
                        .conditionExpression(REGISTRATION_ID + " = :registration")
                        .expressionAttributeValues(Map.of(":registration", number(device.registrationId())))
                        .build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName(tableName)
                        .key(key(device.userId(), LAST_RESORT_PREFIX + num(device.deviceNum()))).build()).build(),
                appendToLog(device.userId(), entry)));
    }

    /** Each device's one-time keys (found through its number), then every item of the user's partition. */
    @Override
    public void forget(String userId) {
        List<Map<String, AttributeValue>> items = DynamoDbOneTimeKeys.partition(dynamoDb, tableName, userId, DEVICE_NUM);
        for (Map<String, AttributeValue> item : items) {
            if (item.get(SK).s().startsWith(ID_PREFIX)) {
                dropOneTimeKeys(userId, Integer.parseInt(item.get(DEVICE_NUM).n()));
            }
        }
        BatchWrite.deletes(dynamoDb, tableName, items.stream().map(item -> key(userId, item.get(SK).s())).toList());
    }

    private TransactWriteItem appendToLog(String userId, KeyLogEntry entry) {
        return TransactWriteItem.builder().put(Put.builder().tableName(tableName)
                .item(DynamoDbKeyLog.item(userId, entry))
                .conditionExpression("attribute_not_exists(sk)")
                .build()).build();
    }

    /** Runs the transaction; a refused condition or a conflicting transaction is false, throttling a failure. */
    private boolean transact(List<TransactWriteItem> items) {
        try {
            call(() -> dynamoDb.transactWriteItems(write -> write.transactItems(items)));
            return true;
        } catch (TransactionCanceledException e) {
            List<String> codes = e.hasCancellationReasons()
                    ? e.cancellationReasons().stream().map(CancellationReason::code).toList()
                    : List.of();
            if (codes.stream().anyMatch(THROTTLED::contains)) {
                throw new FailureException(new Failure.Unavailable(TABLE), e);
            }
            if (codes.stream().anyMatch(REFUSED::contains)) {
                return false;
            }
            throw e;
        }
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = call(() -> dynamoDb.getItem(get -> get.tableName(tableName).key(key).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static DeviceKeys device(String userId, Map<String, AttributeValue> item) {
        return new DeviceKeys(userId, item.get(DEVICE_ID).s(),
                Integer.parseInt(item.get(SK).s().substring(DEVICE_PREFIX.length())),
                Integer.parseInt(item.get(REGISTRATION_ID).n()), item.get(IDENTITY_KEY).b().asByteArray(),
                new SignedKey(Integer.parseInt(item.get(SIGNED_PRE_KEY_ID).n()), item.get(SIGNED_PRE_KEY).b().asByteArray(),
                        item.get(SIGNED_PRE_KEY_SIGNATURE).b().asByteArray()),
                new KeyCounts(Math.max(0, Integer.parseInt(item.get(EC_COUNT).n())),
                        Math.max(0, Integer.parseInt(item.get(KYBER_COUNT).n()))));
    }

    private static void putSignedPreKey(Map<String, AttributeValue> item, SignedKey key) {
        item.put(SIGNED_PRE_KEY_ID, number(key.keyId()));
        item.put(SIGNED_PRE_KEY, bytes(key.publicKey()));
        item.put(SIGNED_PRE_KEY_SIGNATURE, bytes(key.signature()));
    }

    private static Map<String, AttributeValue> lastResortItem(String userId, int deviceNum, SignedKey key) {
        Map<String, AttributeValue> item = key(userId, LAST_RESORT_PREFIX + num(deviceNum));
        item.put(KEY_ID, number(key.keyId()));
        item.put(PUBLIC_KEY, bytes(key.publicKey()));
        item.put(SIGNATURE, bytes(key.signature()));
        return item;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PK, AttributeValue.fromS(pk));
        key.put(SK, AttributeValue.fromS(sk));
        return key;
    }

    private static String deviceSortKey(int deviceNum) {
        return DEVICE_PREFIX + num(deviceNum);
    }

    private static String num(int deviceNum) {
        return String.format("%010d", deviceNum);
    }

    static <T> T call(java.util.function.Supplier<T> request) {
        return DynamoDbCalls.call(TABLE, request);
    }
}
