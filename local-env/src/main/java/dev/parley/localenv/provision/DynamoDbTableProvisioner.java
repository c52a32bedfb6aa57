package dev.parley.localenv.provision;

import dev.parley.localenv.template.PhysicalIds;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AWS::DynamoDB::Table} and {@code AWS::DynamoDB::GlobalTable} (as one local table): keys,
 * attribute definitions, billing mode, GSIs, LSIs and streams, then TTL. moto keeps the TTL
 * setting but never expires items.
 */
final class DynamoDbTableProvisioner implements ResourceProvisioner {
    private final DynamoDbClient dynamoDb;

    DynamoDbTableProvisioner(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    @Override
    public Set<String> types() {
        return Set.of("AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable");
    }

    @Override
    public void provision(String logicalId, TemplateProperties properties, PhysicalIds ids) {
        String name = properties.optionalText("TableName").orElse(ResourceProvisioner.generatedName(logicalId));
        TableDescription table = existing(name).orElseGet(() -> dynamoDb.createTable(createRequest(name, properties)).tableDescription());
        properties.ifObject("TimeToLiveSpecification", ttl -> enableTimeToLive(name, ttl));
        ids.putRef(logicalId, name).putAttribute(logicalId, "Arn", table.tableArn());
        if (table.latestStreamArn() != null) {
            ids.putAttribute(logicalId, "StreamArn", table.latestStreamArn());
        }
    }

    private Optional<TableDescription> existing(String name) {
        try {
            return Optional.of(dynamoDb.describeTable(r -> r.tableName(name)).table());
        } catch (ResourceNotFoundException absent) {
            return Optional.empty();
        }
    }

    private static CreateTableRequest createRequest(String name, TemplateProperties properties) {
        Optional<ProvisionedThroughput> throughput = properties.object("ProvisionedThroughput").map(DynamoDbTableProvisioner::throughput);
        BillingMode billing = properties.optionalText("BillingMode").map(BillingMode::fromValue)
                .orElse(throughput.isPresent() ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST);
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(billing)
                .keySchema(keySchema(properties))
                .attributeDefinitions(properties.objects("AttributeDefinitions").stream()
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(a.text("AttributeName"))
                                .attributeType(a.text("AttributeType"))
                                .build())
                        .toList());
        throughput.ifPresent(request::provisionedThroughput);
        List<GlobalSecondaryIndex> globalIndexes = properties.objects("GlobalSecondaryIndexes").stream()
                .map(index -> {
                    GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                            .indexName(index.text("IndexName"))
                            .keySchema(keySchema(index))
                            .projection(projection(index));
                    index.object("ProvisionedThroughput").map(DynamoDbTableProvisioner::throughput).ifPresent(gsi::provisionedThroughput);
                    return gsi.build();
                })
                .toList();
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes);
        }
        List<LocalSecondaryIndex> localIndexes = properties.objects("LocalSecondaryIndexes").stream()
                .map(index -> LocalSecondaryIndex.builder()
                        .indexName(index.text("IndexName"))
                        .keySchema(keySchema(index))
                        .projection(projection(index))
                        .build())
                .toList();
        if (!localIndexes.isEmpty()) {
            request.localSecondaryIndexes(localIndexes);
        }
        properties.ifObject("StreamSpecification", stream -> request.streamSpecification(StreamSpecification.builder()
                .streamEnabled(true)
                .streamViewType(stream.text("StreamViewType"))
                .build()));
        return request.build();
    }

    private void enableTimeToLive(String table, TemplateProperties ttl) {
        if (!ttl.bool("Enabled", false)) {
            return;
        }
        TimeToLiveStatus status = dynamoDb.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription().timeToLiveStatus();
        if (status != TimeToLiveStatus.ENABLED && status != TimeToLiveStatus.ENABLING) {
            dynamoDb.updateTimeToLive(r -> r.tableName(table)
                    .timeToLiveSpecification(s -> s.enabled(true).attributeName(ttl.text("AttributeName"))));
        }
    }

    private static List<KeySchemaElement> keySchema(TemplateProperties owner) {
        return owner.objects("KeySchema").stream()
                .map(k -> KeySchemaElement.builder().attributeName(k.text("AttributeName")).keyType(k.text("KeyType")).build())
                .toList();
    }

    private static Projection projection(TemplateProperties index) {
        return index.object("Projection")
                .map(p -> {
                    Projection.Builder projection = Projection.builder().projectionType(p.optionalText("ProjectionType").orElse("ALL"));
                    List<String> nonKey = p.texts("NonKeyAttributes");
                    if (!nonKey.isEmpty()) {
                        projection.nonKeyAttributes(nonKey);
                    }
                    return projection.build();
                })
                .orElse(Projection.builder().projectionType("ALL").build());
    }

    private static ProvisionedThroughput throughput(TemplateProperties throughput) {
        return ProvisionedThroughput.builder()
                .readCapacityUnits(throughput.longValue("ReadCapacityUnits").orElse(5L))
                .writeCapacityUnits(throughput.longValue("WriteCapacityUnits").orElse(5L))
                .build();
    }
}
