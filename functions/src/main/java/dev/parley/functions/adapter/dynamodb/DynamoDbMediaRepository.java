package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.media.Media;
import dev.parley.functions.domain.media.MediaRepository;
import dev.parley.model.MediaTypes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The media table: one item per media id.
 *
 * <pre>
 * partition key  mediaId (S)        no sort key, no index
 * attributes     conversationId (S), uploaderId (S), uploaderDeviceId (S), contentType (S), kind (S: MediaTypes.Kind),
 *                encrypted (BOOL), declaredSize (N, bytes), thumbnailSize (N, optional), status (S: PENDING|READY|FAILED),
 *                size (N, verified bytes), width/height/pages (N, optional), versions (SS, absent while empty),
 *                failureCode (S), failureReason (S), createdAt (N, epoch ms)
 * TTL            expiresAt (N, epoch seconds): createdAt + 1 day on PENDING (and so FAILED) items; markReady removes it
 * </pre>
 *
 * <p>Every status change is conditional on the status it leaves, so a redelivered notification or
 * two processors racing change an item once; {@code versions} grows with ADD, which a redelivery
 * repeats harmlessly. Each write returns the item as it is (ALL_NEW, or ALL_OLD when the condition
 * failed), so no change costs a second read.
 */
public final class DynamoDbMediaRepository implements MediaRepository {
    /** How long an item that never became READY lives: an abandoned or refused upload. The bucket's lifecycle rule matches it. */
    public static final Duration PENDING_LIFETIME = Duration.ofDays(1);

    static final String MEDIA_ID = "mediaId";
    static final String CONVERSATION_ID = "conversationId";
    static final String UPLOADER_ID = "uploaderId";
    static final String UPLOADER_DEVICE_ID = "uploaderDeviceId";
    static final String CONTENT_TYPE = "contentType";
    static final String KIND = "kind";
    static final String ENCRYPTED = "encrypted";
    static final String DECLARED_SIZE = "declaredSize";
    static final String THUMBNAIL_SIZE = "thumbnailSize";
    static final String STATUS = "status";
    static final String SIZE = "size";
    static final String WIDTH = "width";
    static final String HEIGHT = "height";
    static final String PAGES = "pages";
    static final String VERSIONS = "versions";
    static final String FAILURE_CODE = "failureCode";
    static final String FAILURE_REASON = "failureReason";
    static final String CREATED_AT = "createdAt";
    static final String EXPIRES_AT = "expiresAt";
    private static final String TABLE = "media table";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbMediaRepository(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public void create(Media pending) {
        Map<String, AttributeValue> item = item(pending);
        item.put(EXPIRES_AT, number(pending.createdAt().plus(PENDING_LIFETIME).getEpochSecond()));
        try {
            DynamoDbCalls.call(TABLE, () -> dynamoDb.putItem(put -> put
                    .tableName(tableName)
                    .item(item)
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", MEDIA_ID))));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("media id " + pending.mediaId() + " exists: ids are 128 random bits", e);
        }
    }

    @Override
    public Optional<Media> find(String mediaId) {
        Map<String, AttributeValue> item = DynamoDbCalls.call(TABLE, () -> dynamoDb.getItem(get -> get
                .tableName(tableName)
                .key(key(mediaId))
                .consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(media(item));
    }

    @Override
    public List<Media> findAll(Collection<String> mediaIds) {
        List<Map<String, AttributeValue>> keys = mediaIds.stream().distinct().map(DynamoDbMediaRepository::key).toList();
        return BatchGet.items(dynamoDb, tableName, TABLE, keys, true).stream().map(DynamoDbMediaRepository::media).toList();
    }

    @Override
    public Optional<Media> markReady(String mediaId, MediaFacts facts) {
        Update update = new Update();
        update.set(STATUS, AttributeValue.fromS(Media.Status.READY.name()));
        update.set(SIZE, number(facts.size()));
        update.setIfKnown(WIDTH, facts.width());
        update.setIfKnown(HEIGHT, facts.height());
        update.setIfKnown(PAGES, facts.pages());
        update.addVersions(facts.versions());
        update.remove(EXPIRES_AT);
        update.values.put(":pending", AttributeValue.fromS(Media.Status.PENDING.name()));
        return update.apply(mediaId, "#status = :pending")
                .or(() -> update.refusedItem.filter(Media::ready));
    }

    @Override
    public Optional<Media> addVersion(String mediaId, String version, MediaFacts facts) {
        Update update = new Update();
        update.addVersions(Set.of(version));
        update.setIfAbsent(WIDTH, facts.width());
        update.setIfAbsent(HEIGHT, facts.height());
        update.values.put(":failed", AttributeValue.fromS(Media.Status.FAILED.name()));
        return update.apply(mediaId, "attribute_exists(#id) AND #status <> :failed");
    }

    @Override
    public boolean markFailed(String mediaId, String code, String reason) {
        Update update = new Update();
        update.set(STATUS, AttributeValue.fromS(Media.Status.FAILED.name()));
        update.set(FAILURE_CODE, AttributeValue.fromS(code));
        update.set(FAILURE_REASON, AttributeValue.fromS(reason == null || reason.isEmpty() ? code : reason));
        update.values.put(":pending", AttributeValue.fromS(Media.Status.PENDING.name()));
        return update.apply(mediaId, "#status = :pending").isPresent();
    }

    /**
     * One conditional UpdateItem built from SET, ADD and REMOVE clauses. Returns the item after the
     * write; when the condition failed, {@link #refusedItem} holds the item as it was (if any).
     */
    private final class Update {
        private final List<String> set = new ArrayList<>();
        private final List<String> add = new ArrayList<>();
        private final List<String> remove = new ArrayList<>();
        private final Map<String, String> names = new HashMap<>(Map.of("#id", MEDIA_ID, "#status", STATUS));
        private final Map<String, AttributeValue> values = new HashMap<>();
        private Optional<Media> refusedItem = Optional.empty();

        void set(String attribute, AttributeValue value) {
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, value);
            set.add("#" + attribute + " = :" + attribute);
        }

        void setIfKnown(String attribute, Integer value) {
            if (value != null) {
                set(attribute, number(value));
            }
        }

        /** Sets the attribute only where the item has none: a later version never overwrites known dimensions. */
        void setIfAbsent(String attribute, Integer value) {
            if (value != null) {
                names.put("#" + attribute, attribute);
                values.put(":" + attribute, number(value));
                set.add("#" + attribute + " = if_not_exists(#" + attribute + ", :" + attribute + ")");
            }
        }

        void addVersions(Set<String> versions) {
            if (!versions.isEmpty()) {
                names.put("#" + VERSIONS, VERSIONS);
                values.put(":" + VERSIONS, AttributeValue.fromSs(List.copyOf(versions)));
                add.add("#" + VERSIONS + " :" + VERSIONS);
            }
        }

        void remove(String attribute) {
            names.put("#" + attribute, attribute);
            remove.add("#" + attribute);
        }

        Optional<Media> apply(String mediaId, String condition) {
            StringBuilder expression = new StringBuilder();
            if (!set.isEmpty()) {
                expression.append("SET ").append(String.join(", ", set));
            }
            if (!add.isEmpty()) {
                expression.append(" ADD ").append(String.join(", ", add));
            }
            if (!remove.isEmpty()) {
                expression.append(" REMOVE ").append(String.join(", ", remove));
            }
            String text = expression.toString().trim();
            // DynamoDB refuses placeholders the expressions do not use.
            Map<String, String> usedNames = new HashMap<>(names);
            usedNames.keySet().removeIf(name -> !used(name, text, condition));
            Map<String, AttributeValue> usedValues = new HashMap<>(values);
            usedValues.keySet().removeIf(value -> !used(value, text, condition));
            try {
                UpdateItemResponse response = DynamoDbCalls.call(TABLE, () -> dynamoDb.updateItem(update -> update
                        .tableName(tableName)
                        .key(key(mediaId))
                        .updateExpression(text)
                        .conditionExpression(condition)
                        .expressionAttributeNames(usedNames)
                        .expressionAttributeValues(usedValues.isEmpty() ? null : usedValues)
                        .returnValues(ReturnValue.ALL_NEW)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
                return Optional.of(media(response.attributes()));
            } catch (ConditionalCheckFailedException refused) {
                refusedItem = refused.hasItem() && !refused.item().isEmpty() ? Optional.of(media(refused.item())) : Optional.empty();
                return Optional.empty();
            }
        }
    }

    private static boolean used(String placeholder, String expression, String condition) {
        Pattern whole = Pattern.compile(Pattern.quote(placeholder) + "(?![A-Za-z0-9_])");
        return whole.matcher(expression).find() || whole.matcher(condition).find();
    }

    private static Map<String, AttributeValue> item(Media media) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(MEDIA_ID, AttributeValue.fromS(media.mediaId()));
        item.put(CONVERSATION_ID, AttributeValue.fromS(media.conversationId()));
        item.put(UPLOADER_ID, AttributeValue.fromS(media.uploaderId()));
        item.put(UPLOADER_DEVICE_ID, AttributeValue.fromS(media.uploaderDeviceId()));
        item.put(CONTENT_TYPE, AttributeValue.fromS(media.contentType()));
        item.put(KIND, AttributeValue.fromS(media.kind().name()));
        item.put(ENCRYPTED, AttributeValue.fromBool(media.encrypted()));
        item.put(DECLARED_SIZE, number(media.declaredSize()));
        if (media.thumbnailSize() != null) {
            item.put(THUMBNAIL_SIZE, number(media.thumbnailSize()));
        }
        item.put(STATUS, AttributeValue.fromS(media.status().name()));
        item.put(SIZE, number(media.size()));
        putIfKnown(item, WIDTH, media.width());
        putIfKnown(item, HEIGHT, media.height());
        putIfKnown(item, PAGES, media.pages());
        if (!media.versions().isEmpty()) {
            item.put(VERSIONS, AttributeValue.fromSs(List.copyOf(media.versions())));
        }
        if (media.failureCode() != null) {
            item.put(FAILURE_CODE, AttributeValue.fromS(media.failureCode()));
            item.put(FAILURE_REASON, AttributeValue.fromS(media.failureReason() == null ? media.failureCode() : media.failureReason()));
        }
        item.put(CREATED_AT, number(media.createdAt().toEpochMilli()));
        return item;
    }

    private static Media media(Map<String, AttributeValue> item) {
        return new Media(
                item.get(MEDIA_ID).s(),
                item.get(CONVERSATION_ID).s(),
                item.get(UPLOADER_ID).s(),
                item.get(UPLOADER_DEVICE_ID).s(),
                item.get(CONTENT_TYPE).s(),
                MediaTypes.Kind.valueOf(item.get(KIND).s()),
                Boolean.TRUE.equals(item.get(ENCRYPTED).bool()),
                Long.parseLong(item.get(DECLARED_SIZE).n()),
                item.containsKey(THUMBNAIL_SIZE) ? Long.valueOf(item.get(THUMBNAIL_SIZE).n()) : null,
                Media.Status.valueOf(item.get(STATUS).s()),
                item.containsKey(SIZE) ? Long.parseLong(item.get(SIZE).n()) : 0,
                integer(item, WIDTH),
                integer(item, HEIGHT),
                integer(item, PAGES),
                item.containsKey(VERSIONS) ? Set.copyOf(item.get(VERSIONS).ss()) : Set.of(),
                item.containsKey(FAILURE_CODE) ? item.get(FAILURE_CODE).s() : null,
                item.containsKey(FAILURE_REASON) ? item.get(FAILURE_REASON).s() : null,
                Instant.ofEpochMilli(Long.parseLong(item.get(CREATED_AT).n())));
    }

    private static Map<String, AttributeValue> key(String mediaId) {
        return Map.of(MEDIA_ID, AttributeValue.fromS(mediaId));
    }

    private static void putIfKnown(Map<String, AttributeValue> item, String attribute, Integer value) {
        if (value != null) {
            item.put(attribute, number(value));
        }
    }

    private static Integer integer(Map<String, AttributeValue> item, String attribute) {
        return item.containsKey(attribute) ? Integer.valueOf(item.get(attribute).n()) : null;
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
