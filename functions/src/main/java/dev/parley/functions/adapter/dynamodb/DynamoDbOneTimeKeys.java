package dev.parley.functions.adapter.dynamodb;

import static dev.parley.functions.adapter.dynamodb.DynamoDbKeyDirectory.PK;
import static dev.parley.functions.adapter.dynamodb.DynamoDbKeyDirectory.PUBLIC_KEY;
import static dev.parley.functions.adapter.dynamodb.DynamoDbKeyDirectory.SIGNATURE;
import static dev.parley.functions.adapter.dynamodb.DynamoDbKeyDirectory.SK;
import static dev.parley.functions.adapter.dynamodb.DynamoDbKeyDirectory.key;
import static dev.parley.functions.adapter.dynamodb.DynamoDbKeyLog.bytes;

import dev.parley.functions.domain.keys.KeyCounts;
import dev.parley.functions.domain.keys.SignedKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one-time prekeys in the keys table ({@link DynamoDbKeyDirectory} has the whole layout): a
 * partition per device, {@code userId#deviceNum}, with {@code ec#<keyId, 8 digits>} items
 * (publicKey) and {@code kyber#<keyId>} items (publicKey, signature).
 *
 * <p>A key is taken with a conditional DeleteItem (attribute_exists, ReturnValues ALL_OLD): of any
 * number of racing claims exactly one deletes it and gets it; the others try the next candidate.
 * The candidates come from an eventually consistent Query, so a claim may meet a key already
 * deleted (its delete fails and it moves on) and, right after a publish, miss new keys.
 */
final class DynamoDbOneTimeKeys {
    /** Rounds of candidates one take may lose before it gives up (see {@link #take}). */
    private static final int TAKE_ROUNDS = 25;

    /** The two kinds, with how many candidates a take reads at once. */
    enum Kind {
        /** ~60-byte items: 10 are half a read unit. */
        EC("ec#", 10),
        /** ~1.7 KB items: 3 fit one read unit. */
        KYBER("kyber#", 3);

        final String prefix;
        final int candidates;

        Kind(String prefix, int candidates) {
            this.prefix = prefix;
            this.candidates = candidates;
        }
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    DynamoDbOneTimeKeys(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** Writes the keys (a key id already there is overwritten), 25 to a BatchWriteItem. */
    void put(String userId, int deviceNum, List<SignedKey> ec, List<SignedKey> kyber) {
        String pk = partitionKey(userId, deviceNum);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (SignedKey key : ec) {
            Map<String, AttributeValue> item = key(pk, sortKey(Kind.EC, key.keyId()));
            item.put(PUBLIC_KEY, bytes(key.publicKey()));
            items.add(item);
        }
        for (SignedKey key : kyber) {
            Map<String, AttributeValue> item = key(pk, sortKey(Kind.KYBER, key.keyId()));
            item.put(PUBLIC_KEY, bytes(key.publicKey()));
            item.put(SIGNATURE, bytes(key.signature()));
            items.add(item);
        }
        BatchWrite.puts(dynamoDb, tableName, items);
    }

    /** Counted with strongly consistent Select COUNT queries: the read units of every key of the device. */
    KeyCounts count(String userId, int deviceNum) {
        String pk = partitionKey(userId, deviceNum);
        return new KeyCounts(count(pk, Kind.EC.prefix), count(pk, Kind.KYBER.prefix));
    }

    void drop(String userId, int deviceNum) {
        BatchWrite.deletes(dynamoDb, tableName, partition(dynamoDb, tableName, partitionKey(userId, deviceNum), null).stream()
                .map(item -> key(item.get(PK).s(), item.get(SK).s())).toList());
    }

    /**
     * Tries the candidates in random order, so racing claims spread over them, until this call deletes
     * one or none is left. A round lost whole means others took its candidates (or a stale read showed
     * keys already gone); after {@value #TAKE_ROUNDS} such rounds the claim goes without a one-time key
     * rather than spend more failed writes.
     */
    Optional<SignedKey> take(String userId, int deviceNum, Kind kind) {
        String pk = partitionKey(userId, deviceNum);
        String prefix = kind.prefix;
        for (int round = 0; round < TAKE_ROUNDS; round++) {
            List<Map<String, AttributeValue>> found = new ArrayList<>(DynamoDbKeyDirectory.call(() -> dynamoDb.query(query -> query
                    .tableName(tableName)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(prefix)))
                    .projectionExpression("pk, sk")
                    .limit(kind.candidates))).items());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Collections.shuffle(found);
            for (Map<String, AttributeValue> candidate : found) {
                try {
                    Map<String, AttributeValue> item = DynamoDbKeyDirectory.call(() -> dynamoDb.deleteItem(delete -> delete
                            .tableName(tableName)
                            .key(candidate)
                            .conditionExpression("attribute_exists(sk)")
                            .returnValues(ReturnValue.ALL_OLD))).attributes();
                    String sk = item.get(SK).s();
                    return Optional.of(new SignedKey(Integer.parseInt(sk.substring(prefix.length())),
                            item.get(PUBLIC_KEY).b().asByteArray(),
                            item.containsKey(SIGNATURE) ? item.get(SIGNATURE).b().asByteArray() : null));
                } catch (ConditionalCheckFailedException takenByAnother) {
                    // Another claim deleted it first: try the next candidate.
                }
            }
        }
        return Optional.empty();
    }

    private int count(String pk, String prefix) {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = DynamoDbKeyDirectory.call(() -> dynamoDb.query(query -> query
                    .tableName(tableName)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(prefix)))
                    .select(Select.COUNT)
                    .consistentRead(true)
                    .exclusiveStartKey(from)));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /** Every item of a partition: its keys and {@code alsoAttribute} when not null (the device number of a user's "id#" items). */
    static List<Map<String, AttributeValue>> partition(DynamoDbClient dynamoDb, String tableName, String pk, String alsoAttribute) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = DynamoDbKeyDirectory.call(() -> dynamoDb.query(query -> query
                    .tableName(tableName)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                    .projectionExpression(alsoAttribute == null ? "pk, sk" : "pk, sk, " + alsoAttribute)
                    .consistentRead(true)
                    .exclusiveStartKey(from)));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static String partitionKey(String userId, int deviceNum) {
        return userId + "#" + deviceNum;
    }

    private static String sortKey(Kind kind, int keyId) {
        return kind.prefix + String.format("%08d", keyId);
    }
}
