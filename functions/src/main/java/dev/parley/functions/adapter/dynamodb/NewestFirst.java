package dev.parley.functions.adapter.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.CONVERSATION_ID;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.HEADER_SEQ;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.SEQ;

/**
 * The one read of a conversation in the messages table: a descending Query of its partition, which
 * returns the header (it sorts last) and then the newest messages. Only the named attributes
 * travel; reads are billed on whole items anyway.
 */
final class NewestFirst {
    private final Map<String, String> names;
    private final String projection;

    NewestFirst(List<String> attributes) {
        names = attributes.stream().collect(Collectors.toUnmodifiableMap(name -> "#" + name, Function.identity()));
        projection = String.join(", ", names.keySet());
    }

    /**
     * Up to {@code limit} items, the header first; empty when the conversation has no header.
     *
     * @param table the table's role for failures, such as "messages table"
     */
    List<Map<String, AttributeValue>> read(DynamoDbClient dynamoDb, String tableName, String table,
                                           String conversationId, int limit, boolean consistent) {
        List<Map<String, AttributeValue>> items = DynamoDbCalls.call(table, () -> dynamoDb.query(query -> query
                .tableName(tableName)
                .keyConditionExpression("#" + CONVERSATION_ID + " = :id")
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(conversationId)))
                .projectionExpression(projection)
                .scanIndexForward(false)
                .limit(limit)
                .consistentRead(consistent))).items();
        if (items.isEmpty() || Long.parseLong(items.getFirst().get(SEQ).n()) != HEADER_SEQ) {
            return List.of();
        }
        return items;
    }
}
