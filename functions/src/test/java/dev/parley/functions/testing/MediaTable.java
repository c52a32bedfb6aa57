package dev.parley.functions.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.UUID;

/**
 * The media table as the CDK app defines it: key mediaId (S), TTL on expiresAt (which moto never
 * applies), and the byUploader index (uploaderId, mediaId; projecting conversationId).
 */
public final class MediaTable {
    private MediaTable() {
    }

    /** Creates a table with a name no other test uses, and returns the name. */
    public static String create(DynamoDbClient dynamoDb) {
        String name = "media-" + UUID.randomUUID();
        dynamoDb.createTable(table -> table
                .tableName(name)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("mediaId").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("uploaderId").attributeType(ScalarAttributeType.S).build())
                .keySchema(key -> key.attributeName("mediaId").keyType(KeyType.HASH))
                .globalSecondaryIndexes(index -> index
                        .indexName("byUploader")
                        .keySchema(k -> k.attributeName("uploaderId").keyType(KeyType.HASH),
                                k -> k.attributeName("mediaId").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("conversationId")))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return name;
    }
}
