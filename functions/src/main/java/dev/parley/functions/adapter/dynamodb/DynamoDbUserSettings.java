package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.user.UserSettings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.parley.functions.adapter.dynamodb.DynamoDbDeviceRegistry.USER_ID;

/**
 * Each user's settings: the devices table's item with sort key {@code #settings} ({@code #} never
 * occurs in a device id), attributes {@code presenceVisible} (BOOL) and {@code pushPreview} (BOOL);
 * an absent item or attribute means the default, true. Reading many users is one BatchGetItem per
 * 100; an update is one UpdateItem of the fields given, returning the item as it is now.
 */
public final class DynamoDbUserSettings implements UserSettings {
    static final String SETTINGS = "#settings";
    static final String PRESENCE_VISIBLE = "presenceVisible";
    static final String PUSH_PREVIEW = "pushPreview";
    private static final String TABLE = "devices table";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbUserSettings(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Settings of(String userId) {
        return settings(call(() -> dynamoDb.getItem(get -> get.tableName(tableName).key(key(userId)))).item());
    }

    @Override
    public Map<String, Settings> of(Collection<String> userIds) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String userId : new LinkedHashSet<>(userIds)) {
            keys.add(key(userId));
        }
        Map<String, Settings> settings = new HashMap<>();
        for (String userId : userIds) {
            settings.put(userId, Settings.DEFAULTS);
        }
        for (Map<String, AttributeValue> item : BatchGet.items(dynamoDb, tableName, TABLE, keys)) {
            settings.put(item.get(USER_ID).s(), settings(item));
        }
        return settings;
    }

    @Override
    public Settings update(String userId, Boolean presenceVisible, Boolean pushPreview) {
        List<String> sets = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (presenceVisible != null) {
            sets.add(PRESENCE_VISIBLE + " = :v");
            values.put(":v", AttributeValue.fromBool(presenceVisible));
        }
        if (pushPreview != null) {
            sets.add(PUSH_PREVIEW + " = :p");
            values.put(":p", AttributeValue.fromBool(pushPreview));
        }
        if (sets.isEmpty()) {
            return of(userId);
        }
        return settings(call(() -> dynamoDb.updateItem(update -> update.tableName(tableName)
                .key(key(userId))
                .updateExpression("SET " + String.join(", ", sets))
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW))).attributes());
    }

    private static Settings settings(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Settings.DEFAULTS;
        }
        return new Settings(flag(item.get(PRESENCE_VISIBLE)), flag(item.get(PUSH_PREVIEW)));
    }

    private static boolean flag(AttributeValue value) {
        return value == null || value.bool() == null || value.bool();
    }

    private static Map<String, AttributeValue> key(String userId) {
        return DynamoDbDeviceRegistry.key(userId, SETTINGS);
    }

    private static <T> T call(Supplier<T> request) {
        return DynamoDbCalls.call(TABLE, request);
    }
}
