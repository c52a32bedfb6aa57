package dev.parley.functions.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The messages table as the CDK app defines it: key conversationId (S) + seq (N), no index, no TTL. */
public final class MessagesTable {
    /** The header's sort key, as {@code DynamoDbMessageRepository} documents it: 2^53 - 1. */
    public static final String HEADER_SEQ = "9007199254740991";

    private MessagesTable() {
    }

    /** Creates a table with a name no other test uses, and returns the name. */
    public static String create(DynamoDbClient dynamoDb) {
        return TestTables.create(dynamoDb, "messages", TestTables.Key.string("conversationId"), TestTables.Key.number("seq"));
    }

    /** Writes a conversation's header item with the documented attributes, as the conversations side does. */
    public static void putHeader(DynamoDbClient dynamoDb, String table, String conversationId, String kind,
                                 boolean e2ee, Set<String> members) {
        Map<String, AttributeValue> header = new HashMap<>(Map.of(
                "conversationId", AttributeValue.fromS(conversationId),
                "seq", AttributeValue.fromN(HEADER_SEQ),
                "kind", AttributeValue.fromS(kind),
                "e2ee", AttributeValue.fromBool(e2ee),
                "createdAt", AttributeValue.fromN("1772366400000"),
                "createdBy", AttributeValue.fromS(members.stream().sorted().findFirst().orElse("nobody"))));
        if (!members.isEmpty()) {
            header.put("members", AttributeValue.fromSs(members.stream().sorted().toList()));
        }
        dynamoDb.putItem(put -> put.tableName(table).item(header));
    }
}
