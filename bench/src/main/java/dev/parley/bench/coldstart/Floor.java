package dev.parley.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * The floor a Java function cannot go below: a bare JVM whose classpath holds only Jackson, the
 * DynamoDB and {@code @connections} SDK modules and the URL-connection HTTP client, parsing one
 * frame and making one Query (the table and key from its arguments), then printing the same marker
 * as {@link FirstEvent}.
 */
public final class Floor {
    private Floor() {
    }

    public static void main(String[] args) {
        JsonNode frame;
        try {
            frame = new ObjectMapper().readTree("{\"action\":\"sync\",\"requestId\":\"floor-1\"}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().region(Region.of(System.getenv("AWS_REGION")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            int items = dynamoDb.query(q -> q.tableName(args[0]).keyConditionExpression("#k = :v")
                    .expressionAttributeNames(Map.of("#k", args[1]))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(frame.path("requestId").asText())))).count();
            System.out.println(FirstEvent.MARKER + "{\"items\":" + items + "}");
            System.out.flush();
            FirstEvent.printCpuTime();
        }
    }
}
