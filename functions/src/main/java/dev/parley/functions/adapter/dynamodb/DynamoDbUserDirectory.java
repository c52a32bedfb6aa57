package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.user.UserDirectory;
import dev.parley.functions.domain.user.UserProfile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * The users table.
 *
 * <pre>
 * partition key  username (S)        exactly as Cognito's {@code username} claim spells it; no sort key, no index
 * userId (S)                         the Cognito {@code sub}
 * displayName (S)                    set to the username on the first connect, then left alone
 *
 * by-id item     username = "id " + userId (a space: no Cognito username and no findUsers query has one),
 *                name (S): the user's username, written on every connect, sign-up and sign-in (the user
 *                pool trigger), deleted with the account
 * </pre>
 *
 * <p>Keyed by username so that findUsers is a BatchGetItem of exact names: the table has no
 * index to walk and nothing here scans, so users cannot be enumerated. The by-id items turn a
 * page of member ids back into names (listMembers) with one BatchGetItem, without an index; they
 * can only be read by an id already known.
 */
public final class DynamoDbUserDirectory implements UserDirectory {
    static final String USERNAME = "username";
    static final String USER_ID = "userId";
    static final String DISPLAY_NAME = "displayName";
    static final String NAME = "name";
    /** The by-id items' key prefix: ends in a space, which no username has. */
    static final String BY_ID = "id ";
    private static final String TABLE = "users table";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbUserDirectory(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /**
     * Two UpdateItems at the same time ($connect makes this call on every connect, the user pool trigger at sign-up
     * and every sign-in): the user's by-id item, and an
     * upsert of the username item that never overwrites a display name.
     */
    @Override
    public void register(String username, String userId) {
        Future<UpdateItemResponse> byId = DynamoDbCalls.started(TABLE, () -> dynamoDb.updateItem(update -> update
                .tableName(tableName)
                .key(key(BY_ID + userId))
                .updateExpression("SET #name = :username")
                .expressionAttributeNames(Map.of("#name", NAME))
                .expressionAttributeValues(Map.of(":username", AttributeValue.fromS(username)))));
        DynamoDbCalls.call(TABLE, () -> dynamoDb.updateItem(update -> update
                .tableName(tableName)
                .key(key(username))
                .updateExpression("SET #userId = :userId, #displayName = if_not_exists(#displayName, :username)")
                .expressionAttributeNames(Map.of("#userId", USER_ID, "#displayName", DISPLAY_NAME))
                .expressionAttributeValues(Map.of(
                        ":userId", AttributeValue.fromS(userId),
                        ":username", AttributeValue.fromS(username)))));
        DynamoDbCalls.result(TABLE, byId);
    }

    /** The by-id item, then one conditional DeleteItem; a name gone or owned by someone else is left as it is. */
    @Override
    public void remove(String username, String userId) {
        DynamoDbCalls.call(TABLE, () -> dynamoDb.deleteItem(delete -> delete.tableName(tableName).key(key(BY_ID + userId))));
        try {
            DynamoDbCalls.call(TABLE, () -> dynamoDb.deleteItem(delete -> delete
                    .tableName(tableName)
                    .key(key(username))
                    .conditionExpression("#userId = :userId")
                    .expressionAttributeNames(Map.of("#userId", USER_ID))
                    .expressionAttributeValues(Map.of(":userId", AttributeValue.fromS(userId)))));
        } catch (ConditionalCheckFailedException notTheirs) {
            // Already removed by an earlier call, or the name belongs to a newer account.
        }
    }

    @Override
    public List<UserProfile> find(Collection<String> usernames) {
        List<Map<String, AttributeValue>> keys = new LinkedHashSet<>(usernames).stream().map(DynamoDbUserDirectory::key).toList();
        return BatchGet.items(dynamoDb, tableName, TABLE, keys).stream()
                .filter(item -> item.containsKey(USER_ID))
                .map(item -> new UserProfile(item.get(USERNAME).s(), item.get(USER_ID).s(), item.get(DISPLAY_NAME).s()))
                .toList();
    }

    /** One BatchGetItem per 100 ids, eventually consistent: 0.5 read unit per user found. */
    @Override
    public Map<String, String> usernames(Collection<String> userIds) {
        List<Map<String, AttributeValue>> keys = new LinkedHashSet<>(userIds).stream().map(userId -> key(BY_ID + userId)).toList();
        Map<String, String> names = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamoDb, tableName, TABLE, keys)) {
            if (item.containsKey(NAME)) {
                names.put(item.get(USERNAME).s().substring(BY_ID.length()), item.get(NAME).s());
            }
        }
        return names;
    }

    private static Map<String, AttributeValue> key(String username) {
        return Map.of(USERNAME, AttributeValue.fromS(username));
    }
}
