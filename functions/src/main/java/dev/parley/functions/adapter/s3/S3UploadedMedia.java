package dev.parley.functions.adapter.s3;

import dev.parley.functions.domain.account.UploadedMedia;
import dev.parley.functions.domain.media.MediaKeys;
import dev.parley.model.MediaTypes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A user's uploads: the media table's {@value #BY_UPLOADER} index (partition key {@code uploaderId},
 * sort key {@code mediaId}, projecting {@code conversationId}, which never changes, so later
 * status writes cost the index nothing) and the bucket.
 *
 * <p>An item's objects are every key it can have: both upload parts and every version name,
 * whether processing made them or not. S3's DeleteObjects answers a missing key as deleted, so
 * this needs no listing, and up to {@value #KEYS_PER_DELETE} keys go in one request.
 */
public final class S3UploadedMedia implements UploadedMedia {
    public static final String BY_UPLOADER = "byUploader";
    private static final List<String> PARTS = List.of(MediaKeys.PART_ORIGINAL, MediaKeys.PART_THUMB);
    private static final List<String> VERSIONS = List.of(MediaTypes.VERSION_ORIGINAL, MediaTypes.VERSION_DISPLAY,
            MediaTypes.VERSION_THUMB, MediaTypes.VERSION_PREVIEW);
    private static final int KEYS_PER_DELETE = 1000;

    private final DynamoDbClient dynamoDb;
    private final String mediaTable;
    private final S3Client s3;
    private final String bucket;

    public S3UploadedMedia(DynamoDbClient dynamoDb, String mediaTable, S3Client s3, String bucket) {
        this.dynamoDb = dynamoDb;
        this.mediaTable = mediaTable;
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public List<Upload> uploadedBy(String userId) {
        return dynamoDb.queryPaginator(query -> query
                        .tableName(mediaTable)
                        .indexName(BY_UPLOADER)
                        .keyConditionExpression("uploaderId = :u")
                        .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId))))
                .items().stream()
                .map(item -> new Upload(item.get("mediaId").s(), item.get("conversationId").s()))
                .toList();
    }

    @Override
    public void delete(List<Upload> uploads) {
        List<ObjectIdentifier> keys = new ArrayList<>();
        for (Upload upload : uploads) {
            PARTS.forEach(part -> keys.add(key(MediaKeys.upload(upload.conversationId(), upload.mediaId(), part))));
            VERSIONS.forEach(version -> keys.add(key(MediaKeys.version(upload.conversationId(), upload.mediaId(), version))));
        }
        for (int from = 0; from < keys.size(); from += KEYS_PER_DELETE) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_DELETE));
            DeleteObjectsResponse response = s3.deleteObjects(delete -> delete
                    .bucket(bucket)
                    .delete(objects -> objects.objects(batch).quiet(true)));
            if (response.hasErrors() && !response.errors().isEmpty()) {
                throw new IllegalStateException("S3 kept " + response.errors().size() + " media objects, first "
                        + response.errors().getFirst().key() + ": " + response.errors().getFirst().code());
            }
        }
        for (Upload upload : uploads) {
            dynamoDb.deleteItem(delete -> delete.tableName(mediaTable).key(Map.of("mediaId", AttributeValue.fromS(upload.mediaId()))));
        }
    }

    private static ObjectIdentifier key(String key) {
        return ObjectIdentifier.builder().key(key).build();
    }
}
