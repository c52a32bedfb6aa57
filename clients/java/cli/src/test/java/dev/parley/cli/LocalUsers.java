package dev.parley.cli;

import dev.parley.client.live.TestCloud;
import dev.parley.model.ProtocolCodec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * The AWS side of the local cloud for the E2EE chat test: new users created in moto's user pool
 * as an administrator would, and every DynamoDB table read back as the server stored it.
 */
final class LocalUsers {
    static final String PASSWORD = "Cli-e2ee-test-1";

    private final TestCloud cloud = TestCloud.get();
    private final CognitoIdentityProviderClient cognito;
    private final DynamoDbClient dynamoDb;

    LocalUsers() throws IOException {
        URI aws = URI.create(cloud.awsEndpoint);
        Region region = Region.of(ProtocolCodec.instance().mapper().readTree(cloud.endpointsFile.toFile())
                .path("region").asText("us-east-1"));
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        cognito = CognitoIdentityProviderClient.builder().endpointOverride(aws).region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        dynamoDb = DynamoDbClient.builder().endpointOverride(aws).region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A new user with {@link #PASSWORD}; returns its username ({@code label} plus a random suffix). */
    String create(String label) {
        String username = label + "-" + UUID.randomUUID().toString().substring(0, 6);
        cognito.adminCreateUser(r -> r.userPoolId(cloud.userPoolId).username(username).messageAction(MessageActionType.SUPPRESS));
        cognito.adminSetUserPassword(r -> r.userPoolId(cloud.userPoolId).username(username).password(PASSWORD).permanent(true));
        return username;
    }

    /** Every item of every table: the SDK's text form of its attributes, then binary attributes as raw bytes. */
    byte[] everyTable() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String table : dynamoDb.listTables().tableNames()) {
            Map<String, AttributeValue> start = null;
            do {
                ScanResponse page = dynamoDb.scan(ScanRequest.builder().tableName(table).exclusiveStartKey(start).build());
                for (Map<String, AttributeValue> item : page.items()) {
                    all.write(item.toString().getBytes(StandardCharsets.UTF_8));
                    for (AttributeValue value : item.values()) {
                        if (value.b() != null) {
                            all.write(value.b().asByteArray());
                        }
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return all.toByteArray();
    }

    static boolean contains(byte[] haystack, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
