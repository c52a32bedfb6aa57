package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.message.Message;
import dev.parley.functions.domain.sync.Timeline;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.CONVERSATION_ID;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.HEADER_SEQ;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.SEQ;

/**
 * The messages table (layout in {@link DynamoDbMessageRepository}) as sync and history read it:
 * headers by BatchGetItem (100 a call), and pages of messages by one Query each, eventually
 * consistent, seq ranges that never include the header (but {@link #latest}, which reads it with the
 * newest messages). A page of 50 messages of 200 bytes is about 10 KB: 1.5 read units.
 */
public final class DynamoDbTimeline implements Timeline {
    private static final String TABLE = "messages table";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbTimeline(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Map<String, Conversation> headers(Collection<String> conversationIds) {
        List<Map<String, AttributeValue>> keys = conversationIds.stream().distinct()
                .map(id -> Map.of(CONVERSATION_ID, AttributeValue.fromS(id), SEQ, number(HEADER_SEQ)))
                .toList();
        Map<String, Conversation> headers = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamoDb, tableName, TABLE, keys)) {
            Conversation header = DynamoDbConversationRepository.conversation(item, null);
            headers.put(header.conversationId(), header);
        }
        return headers;
    }

    @Override
    public List<Message> after(String conversationId, long afterSeq, int limit) {
        if (afterSeq + 1 >= HEADER_SEQ) {
            return List.of();
        }
        return page(conversationId, "seq BETWEEN :from AND :to",
                Map.of(":from", number(afterSeq + 1), ":to", number(HEADER_SEQ - 1)), true, limit);
    }

    @Override
    public List<Message> before(String conversationId, long beforeSeq, int limit) {
        List<Message> newestFirst = page(conversationId, "seq < :before",
                Map.of(":before", number(Math.min(beforeSeq, HEADER_SEQ))), false, limit);
        List<Message> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /**
     * One Query, newest first, from the header down to {@code fromSeq}: {@code Limit} 1 + {@code limit},
     * eventually consistent, billed on the items' summed size (docs/cost.md, "Hot partitions").
     */
    @Override
    public Optional<Latest> latest(String conversationId, long fromSeq, int limit) {
        List<Map<String, AttributeValue>> items = items(conversationId, "seq BETWEEN :from AND :to",
                Map.of(":from", number(Math.max(1, fromSeq)), ":to", number(HEADER_SEQ)), false, 1 + limit);
        if (items.isEmpty() || Long.parseLong(items.getFirst().get(SEQ).n()) != HEADER_SEQ) {
            return Optional.empty();
        }
        List<Map<String, AttributeValue>> newestFirst = items.subList(1, items.size());
        return Optional.of(new Latest(
                DynamoDbConversationRepository.conversation(items.getFirst(), newestFirst.isEmpty() ? null : newestFirst.getFirst()),
                newestFirst.stream().map(DynamoDbMessageRepository::message).toList()));
    }

    private List<Message> page(String conversationId, String range, Map<String, AttributeValue> bounds,
                               boolean ascending, int limit) {
        return items(conversationId, range, bounds, ascending, limit).stream()
                .map(DynamoDbMessageRepository::message)
                .toList();
    }

    private List<Map<String, AttributeValue>> items(String conversationId, String range, Map<String, AttributeValue> bounds,
                                                    boolean ascending, int limit) {
        Map<String, AttributeValue> values = new HashMap<>(bounds);
        values.put(":id", AttributeValue.fromS(conversationId));
        return DynamoDbCalls.call(TABLE, () -> dynamoDb.query(query -> query
                        .tableName(tableName)
                        .keyConditionExpression("conversationId = :id AND " + range)
                        .expressionAttributeValues(values)
                        .scanIndexForward(ascending)
                        .limit(limit)))
                .items();
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
