package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.receipt.ReadCounts;
import dev.parley.functions.domain.receipt.ReadTally;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.parley.functions.adapter.dynamodb.ConversationWrites.number;

/**
 * Read counts of large conversations, in {@value #SHARDS} shard items per conversation in the
 * messages table, beside the member's own row in the memberships table.
 *
 * <pre>
 * memberships row  countedSeq (N): where this member is counted; absent = nowhere (never read);
 *                  on a small conversation's row: its last read, counted nowhere
 * shard item       conversationId = "reads#" conversationId "#" shard (0..7), seq = 0,
 *                  p&lt;seq&gt; (N): how many members of the shard are counted at seq,
 *                  h (N, optional): positions below it were folded away
 * </pre>
 *
 * <p>A member counted at a who reads up to b: the markRead's own conditional UpdateItem of their row
 * moves readSeq and countedSeq to b together (only forward, returning a:
 * {@link DynamoDbMemberCursors#advanceRead}), then one UpdateItem of their shard (by the user id's
 * hash) ADDs -1 to p&lt;a&gt; and +1 to p&lt;b&gt;. ADD commutes, so two devices' moves arriving in
 * either order sum to the same counts. countedSeq is its own attribute, not readSeq, because the
 * send path moves the sender's readSeq without counting it: what the shards hold must be exactly the
 * positions the rows say. A small conversation's rows carry a countedSeq too, counted nowhere: the
 * switch to large removes it in its transaction ({@link ConversationWrites}). A leaver's position is
 * taken back in the transaction that deletes their row ({@link ReadCountTakeBack}).
 *
 * <p>A shard stays under 1 KB (1 write unit a move) by folding: when an ADD leaves it more than
 * {@value #MAX_POSITIONS} positions, one more UpdateItem raises h to its {@value #KEEP}th newest
 * non-zero position, removes every position below h and the zeros above it (each only if still
 * zero, so no concurrent ADD is lost). Counts below h are no longer known; a later -1 or +1 below h
 * is ignored when counting and removed by the next fold.
 *
 * <p>The tally: one BatchGetItem of the shards (eventually consistent, 0.5 read units each);
 * counts are exact from the highest h on.
 */
public final class DynamoDbReadCounts implements ReadCounts {
    static final int SHARDS = 8;
    static final int MAX_POSITIONS = 64;
    static final int KEEP = 32;
    static final String COUNTED_SEQ = "countedSeq";
    private static final String HORIZON = "h";
    private static final String POSITION = "p";
    private static final String SHARD_PREFIX = "reads#";
    private static final String MESSAGES = "messages table";

    private final DynamoDbClient dynamoDb;
    private final String messagesTable;

    public DynamoDbReadCounts(DynamoDbClient dynamoDb, String messagesTable) {
        this.dynamoDb = dynamoDb;
        this.messagesTable = messagesTable;
    }

    @Override
    public void moveReader(String conversationId, String userId, long from, long readSeq) {
        Map<String, String> names = new HashMap<>(Map.of("#to", position(readSeq)));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", number(1)));
        String add = "ADD #to :one";
        if (from > 0) {
            names.put("#from", position(from));
            values.put(":minusOne", number(-1));
            add += ", #from :minusOne";
        }
        Map<String, AttributeValue> key = shardKey(conversationId, shardOf(userId));
        String expression = add;
        Map<String, AttributeValue> shard = DynamoDbCalls.call(MESSAGES, () -> dynamoDb.updateItem(update -> update
                .tableName(messagesTable)
                .key(key)
                .updateExpression(expression)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW))).attributes();
        if (positions(shard).size() > MAX_POSITIONS) {
            fold(key, shard);
        }
    }

    /** Raises the horizon to the {@value #KEEP}th newest non-zero position and drops what lies below it and the zeros. */
    private void fold(Map<String, AttributeValue> key, Map<String, AttributeValue> shard) {
        Map<Long, Long> positions = positions(shard);
        List<Long> nonZero = positions.entrySet().stream().filter(position -> position.getValue() != 0)
                .map(Map.Entry::getKey).sorted(Comparator.reverseOrder()).toList();
        long horizon = Math.max(horizon(shard), nonZero.size() > KEEP ? nonZero.get(KEEP - 1) : 0);
        List<Long> below = positions.keySet().stream().filter(seq -> seq < horizon).toList();
        List<Long> zeros = positions.entrySet().stream()
                .filter(position -> position.getKey() >= horizon && position.getValue() == 0).map(Map.Entry::getKey).toList();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":h", number(horizon)));
        List<String> removed = new ArrayList<>();
        List<String> stillZero = new ArrayList<>();
        IntStream.range(0, below.size()).forEach(i -> {
            names.put("#b" + i, POSITION + below.get(i));
            removed.add("#b" + i);
        });
        IntStream.range(0, zeros.size()).forEach(i -> {
            names.put("#z" + i, POSITION + zeros.get(i));
            removed.add("#z" + i);
            stillZero.add("#z" + i + " = :zero");
        });
        if (removed.isEmpty()) {
            return;
        }
        if (!zeros.isEmpty()) {
            values.put(":zero", number(0));
        }
        String condition = "(attribute_not_exists(" + HORIZON + ") OR " + HORIZON + " <= :h)"
                + stillZero.stream().map(zero -> " AND " + zero).reduce("", String::concat);
        try {
            DynamoDbCalls.call(MESSAGES, () -> dynamoDb.updateItem(update -> update
                    .tableName(messagesTable)
                    .key(key)
                    .updateExpression("SET " + HORIZON + " = :h REMOVE " + String.join(", ", removed))
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)));
        } catch (ConditionalCheckFailedException moved) {
            // a zero was counted again, or another fold went further: the next move folds again
        }
    }

    @Override
    public ReadTally tally(String conversationId) {
        List<Map<String, AttributeValue>> keys = IntStream.range(0, SHARDS).mapToObj(shard -> shardKey(conversationId, shard)).toList();
        List<Map<String, AttributeValue>> shards = BatchGet.items(dynamoDb, messagesTable, MESSAGES, keys);
        long exactFrom = shards.stream().mapToLong(DynamoDbReadCounts::horizon).max().orElse(0);
        Map<Long, Long> readersAt = new HashMap<>();
        shards.forEach(shard -> positions(shard).forEach((seq, count) -> readersAt.merge(seq, count, Long::sum)));
        return ReadTally.of(exactFrom, readersAt);
    }

    static int shardOf(String userId) {
        return Math.floorMod(userId.hashCode(), SHARDS);
    }

    static Map<String, AttributeValue> shardKey(String conversationId, int shard) {
        return Map.of(DynamoDbMessageRepository.CONVERSATION_ID, AttributeValue.fromS(SHARD_PREFIX + conversationId + "#" + shard),
                DynamoDbMessageRepository.SEQ, number(0));
    }

    /** Which shard of its conversation a shard item is. */
    static int shardNumber(Map<String, AttributeValue> shard) {
        String key = shard.get(DynamoDbMessageRepository.CONVERSATION_ID).s();
        return Integer.parseInt(key.substring(key.lastIndexOf('#') + 1));
    }

    /** The shard attribute counting the members at {@code seq}. */
    static String position(long seq) {
        return POSITION + seq;
    }

    /** Where a membership row says its member is counted; 0 for nowhere. */
    static long countedSeq(Map<String, AttributeValue> row) {
        AttributeValue counted = row.get(COUNTED_SEQ);
        return counted == null ? 0 : Long.parseLong(counted.n());
    }

    private static Map<Long, Long> positions(Map<String, AttributeValue> shard) {
        Map<Long, Long> positions = new HashMap<>();
        shard.forEach((name, value) -> {
            if (name.startsWith(POSITION) && value.n() != null) {
                positions.put(Long.parseLong(name.substring(POSITION.length())), Long.parseLong(value.n()));
            }
        });
        return positions;
    }

    static long horizon(Map<String, AttributeValue> shard) {
        AttributeValue horizon = shard.get(HORIZON);
        return horizon == null ? 0 : Long.parseLong(horizon.n());
    }
}
