package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.keys.KeyLog;
import dev.parley.functions.domain.keys.KeyLogEntry;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key log's items in the keys table ({@link DynamoDbKeyDirectory} has the whole layout):
 * partition {@code userId}, sort key {@code log#<seq, 12 digits>}, so a user's log reads in order
 * and its head is the last item. Entries are only ever put, with attribute_not_exists, by the
 * directory in the transaction of the change they record; nothing updates or deletes them.
 */
public final class DynamoDbKeyLog implements KeyLog {
    static final String LOG_PREFIX = "log#";
    static final String DEVICE_NUM = "deviceNum";
    static final String REGISTRATION_ID = "registrationId";
    static final String IDENTITY_KEY = "identityKey";
    static final String CHANGE = "change";
    static final String AT = "at";
    static final String PREV_HASH = "prevHash";
    static final String HASH = "hash";
    private static final String TABLE = "keys table";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbKeyLog(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** One strongly consistent Query of one item, newest first: 1 read unit. */
    @Override
    public Optional<KeyLogEntry> head(String userId) {
        return DynamoDbCalls.call(TABLE, () -> dynamoDb.query(query -> query
                        .tableName(tableName)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :log)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(userId), ":log", AttributeValue.fromS(LOG_PREFIX)))
                        .scanIndexForward(false)
                        .limit(1)
                        .consistentRead(true)))
                .items().stream().findFirst().map(DynamoDbKeyLog::entry);
    }

    @Override
    public List<KeyLogEntry> after(String userId, long afterSeq, int limit) {
        return DynamoDbCalls.call(TABLE, () -> dynamoDb.query(query -> query
                        .tableName(tableName)
                        .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(userId),
                                ":from", AttributeValue.fromS(sortKey(afterSeq + 1)),
                                ":to", AttributeValue.fromS(LOG_PREFIX + "~")))
                        .limit(limit)
                        .consistentRead(true)))
                .items().stream().map(DynamoDbKeyLog::entry).toList();
    }

    static String sortKey(long seq) {
        return LOG_PREFIX + String.format("%012d", seq);
    }

    static Map<String, AttributeValue> item(String userId, KeyLogEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DynamoDbKeyDirectory.PK, AttributeValue.fromS(userId));
        item.put(DynamoDbKeyDirectory.SK, AttributeValue.fromS(sortKey(entry.seq())));
        item.put(DEVICE_NUM, number(entry.deviceNum()));
        item.put(REGISTRATION_ID, number(entry.registrationId()));
        item.put(IDENTITY_KEY, bytes(entry.identityKey()));
        item.put(CHANGE, AttributeValue.fromS(entry.change().value()));
        item.put(AT, number(entry.at().toEpochMilli()));
        item.put(PREV_HASH, bytes(entry.prevHash()));
        item.put(HASH, bytes(entry.hash()));
        return item;
    }

    private static KeyLogEntry entry(Map<String, AttributeValue> item) {
        String sk = item.get(DynamoDbKeyDirectory.SK).s();
        return new KeyLogEntry(Long.parseLong(sk.substring(LOG_PREFIX.length())),
                Integer.parseInt(item.get(DEVICE_NUM).n()), Integer.parseInt(item.get(REGISTRATION_ID).n()),
                item.get(IDENTITY_KEY).b().asByteArray(), KeyLogEntry.Change.of(item.get(CHANGE).s()),
                Instant.ofEpochMilli(Long.parseLong(item.get(AT).n())), item.get(PREV_HASH).b().asByteArray(),
                item.get(HASH).b().asByteArray());
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue bytes(byte[] value) {
        return AttributeValue.fromB(SdkBytes.fromByteArray(value));
    }
}
