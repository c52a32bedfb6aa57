package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.adapter.dynamodb.DynamoDbMediaRepository;
import dev.parley.functions.domain.media.Media;
import dev.parley.functions.domain.media.MediaKeys;
import dev.parley.functions.testing.ConnectionsApiServer;
import dev.parley.functions.testing.ConnectionsTable;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.DevicesTable;
import dev.parley.functions.testing.LambdaJson;
import dev.parley.functions.testing.MediaTable;
import dev.parley.functions.testing.MessagesTable;
import dev.parley.functions.testing.MotoServer;
import dev.parley.functions.testing.ViewersTable;
import dev.parley.model.MediaTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * deleteAccount as local-env builds it (environment-map constructors, the real composition root)
 * against moto's DynamoDB, S3 and Cognito, and a stand-in for {@code @connections}: what it removes,
 * what it leaves, what the other members are told, and that a second call finds nothing left.
 */
class DeleteAccountAgainstMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private static final String BUCKET = "parley-media-delete-account";

    private static ConnectionsApiServer api;
    private static DynamoDbClient dynamoDb;
    private static S3Client s3;
    private static CognitoIdentityProviderClient cognito;
    private static String poolId;
    private static Map<String, String> environment;
    private static ConnectHandler connect;
    private static ConversationsHandler conversations;
    private static DevicesHandler devices;

    @BeforeAll
    static void tablesBucketPoolAndTheManagementApi() throws IOException {
        AwsClients aws = new AwsClients("us-east-1", new AwsCallCounter());
        dynamoDb = aws.dynamoDb();
        s3 = aws.s3(Optional.of(MOTO.endpoint()));
        s3.createBucket(create -> create.bucket(BUCKET));
        cognito = aws.cognito();
        poolId = cognito.createUserPool(pool -> pool.poolName("parley-delete-account")).userPool().id();
        api = new ConnectionsApiServer();
        // The devices function's environment as the CDK app sets it (no rate limits table).
        environment = Map.ofEntries(
                Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("MESSAGES_TABLE", MessagesTable.create(dynamoDb)),
                Map.entry("MEMBERSHIPS_TABLE", ConversationTables.memberships(dynamoDb)),
                Map.entry("USERS_TABLE", ConversationTables.users(dynamoDb)),
                Map.entry("CONNECTIONS_TABLE", ConnectionsTable.create(dynamoDb)),
                Map.entry("DEVICES_TABLE", DevicesTable.create(dynamoDb)),
                Map.entry("MEDIA_TABLE", MediaTable.create(dynamoDb)),
                Map.entry("MEDIA_BUCKET", BUCKET),
                Map.entry("VIEWERS_TABLE", ViewersTable.create(dynamoDb)),
                Map.entry("USER_POOL_ID", poolId),
                Map.entry("APIGW_MANAGEMENT_ENDPOINT", api.endpoint().toString()));
        connect = new ConnectHandler(environment);
        Map<String, String> withRateLimits = new HashMap<>(environment);
        withRateLimits.put("RATE_LIMITS_TABLE", ConversationTables.rateLimits(dynamoDb));
        conversations = new ConversationsHandler(withRateLimits);
        devices = new DevicesHandler(environment);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private record User(String userId, String username) {
    }

    private static User newUser(String name) {
        String username = name + "-" + UUID.randomUUID();
        cognito.adminCreateUser(user -> user.userPoolId(poolId).username(username).messageAction("SUPPRESS"));
        return new User("sub-" + UUID.randomUUID(), username);
    }

    private static Map<String, Object> authorizer(User user, String deviceId, Instant signedIn) {
        return Map.of("principalId", user.userId(), "userId", user.userId(), "deviceId", deviceId,
                "username", user.username(), "authTime", String.valueOf(signedIn.getEpochSecond()));
    }

    private static void connected(User user, String deviceId, String connectionId) {
        APIGatewayV2WebSocketEvent event = LambdaJson.event("connect.json", APIGatewayV2WebSocketEvent.class);
        event.getRequestContext().setConnectionId(connectionId);
        event.getRequestContext().setAuthorizer(authorizer(user, deviceId, Instant.now()));
        event.setQueryStringParameters(new HashMap<>(event.getQueryStringParameters()));
        assertThat(connect.handleRequest(event, null).getStatusCode()).isEqualTo(200);
    }

    private static APIGatewayV2WebSocketEvent action(User user, String deviceId, String connectionId, Instant signedIn,
                                                     String action, String fields) {
        APIGatewayV2WebSocketEvent event = LambdaJson.event("create-conversation.json", APIGatewayV2WebSocketEvent.class);
        event.getRequestContext().setRouteKey(action);
        event.getRequestContext().setConnectionId(connectionId);
        event.getRequestContext().setAuthorizer(authorizer(user, deviceId, signedIn));
        event.setBody("{\"action\":\"" + action + "\",\"requestId\":\"r-1\"" + fields + "}");
        return event;
    }

    private static JsonNode deleteAccount(User user, String connectionId, Instant signedIn, String confirm) {
        return LambdaJson.frame(devices.handleRequest(action(user, "phone", connectionId, signedIn, "deleteAccount",
                ",\"confirmUsername\":\"" + confirm + "\""), null));
    }

    private static String conversation(User by, String connectionId, String kind, User... members) {
        String ids = String.join("\",\"", java.util.Arrays.stream(members).map(User::userId).toList());
        JsonNode created = LambdaJson.frame(conversations.handleRequest(action(by, "phone", connectionId, Instant.now(),
                "createConversation", ",\"kind\":\"" + kind + "\",\"members\":[\"" + ids + "\"]"), null));
        return created.at("/conversation/conversationId").asText();
    }

    private static List<Map<String, AttributeValue>> items(String table, String key, String value) {
        return dynamoDb.query(query -> query.tableName(environment.get(table)).keyConditionExpression(key + " = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value)))).items();
    }

    private static boolean stored(String key) {
        return s3.listObjectsV2(list -> list.bucket(BUCKET).prefix(key)).keyCount() > 0;
    }

    @Test
    void a_deleted_account_leaves_no_membership_device_directory_entry_media_or_cognito_user_and_the_members_are_told() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        User carol = newUser("carol");
        String phone = "alicePhone-" + UUID.randomUUID();
        String laptop = "aliceLaptop-" + UUID.randomUUID();
        String bobs = "bobPhone-" + UUID.randomUUID();
        connected(alice, "phone", phone);
        connected(alice, "laptop", laptop);
        connected(bob, "phone", bobs);
        String direct = conversation(alice, phone, "direct", bob);
        String group = conversation(alice, phone, "group", bob, carol);
        String mediaId = "m" + UUID.randomUUID().toString().replace("-", "");
        new DynamoDbMediaRepository(dynamoDb, environment.get("MEDIA_TABLE")).create(Media.pending(mediaId, direct,
                alice.userId(), "phone", "image/jpeg", MediaTypes.Kind.IMAGE, false, 4, null, Instant.now()));
        String upload = MediaKeys.upload(direct, mediaId, MediaKeys.PART_ORIGINAL);
        String display = MediaKeys.version(direct, mediaId, MediaTypes.VERSION_DISPLAY);
        s3.putObject(put -> put.bucket(BUCKET).key(upload), RequestBody.fromString("jpeg"));
        s3.putObject(put -> put.bucket(BUCKET).key(display), RequestBody.fromString("jpeg"));
        int bobsPostsBefore = api.postsTo(bobs).size();

        JsonNode reply = deleteAccount(alice, phone, Instant.now().minusSeconds(60), alice.username());

        assertThat(reply.get("leftConversations").asInt()).isEqualTo(2);
        assertThat(reply.get("deletedMedia").asInt()).isEqualTo(1);
        assertThat(reply.get("closedConnections").asInt()).isEqualTo(1);
        assertThat(api.deletes()).contains(laptop).doesNotContain(phone, bobs);
        assertThat(items("MEMBERSHIPS_TABLE", "userId", alice.userId())).isEmpty();
        assertThat(items("MEMBERSHIPS_TABLE", "userId", bob.userId())).hasSize(2);
        assertThat(items("DEVICES_TABLE", "userId", alice.userId())).singleElement().satisfies(item -> {
            assertThat(item.get("deviceId").s()).isEqualTo("*");
            assertThat(Long.parseLong(item.get("revokedAt").n())).isGreaterThan(Instant.now().plusSeconds(3500).toEpochMilli());
        });
        assertThat(dynamoDb.getItem(get -> get.tableName(environment.get("USERS_TABLE"))
                .key(Map.of("username", AttributeValue.fromS(alice.username())))).hasItem()).isFalse();
        assertThat(dynamoDb.getItem(get -> get.tableName(environment.get("MEDIA_TABLE"))
                .key(Map.of("mediaId", AttributeValue.fromS(mediaId)))).hasItem()).isFalse();
        assertThat(stored(upload)).isFalse();
        assertThat(stored(display)).isFalse();
        assertThatThrownBy(() -> cognito.adminGetUser(get -> get.userPoolId(poolId).username(alice.username())))
                .isInstanceOf(UserNotFoundException.class);
        assertThat(api.postsTo(bobs).subList(bobsPostsBefore, api.postsTo(bobs).size()))
                .extracting(ConnectionsApiServer.Post::body)
                .anySatisfy(body -> assertThat(body).contains("\"change\":\"accountDeleted\"", direct, alice.userId()))
                .anySatisfy(body -> assertThat(body).contains("\"change\":\"accountDeleted\"", group, alice.userId()));
        JsonNode groupAfter = LambdaJson.frame(conversations.handleRequest(action(bob, "phone", bobs, Instant.now(),
                "getConversation", ",\"conversationId\":\"" + group + "\""), null));
        String heir = bob.userId().compareTo(carol.userId()) < 0 ? bob.userId() : carol.userId();
        assertThat(groupAfter.get("members").findValuesAsText("userId")).containsExactlyInAnyOrder(bob.userId(), carol.userId());
        assertThat(groupAfter.get("members").findParents("userId").stream()
                .filter(member -> member.get("role").asText().equals("admin"))
                .map(member -> member.get("userId").asText())).containsExactly(heir);
    }

    @Test
    void calling_again_after_a_completed_deletion_finds_nothing_left_and_succeeds() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        String phone = "alicePhone-" + UUID.randomUUID();
        connected(alice, "phone", phone);
        conversation(alice, phone, "direct", bob);

        JsonNode first = deleteAccount(alice, phone, Instant.now(), alice.username());
        JsonNode second = deleteAccount(alice, phone, Instant.now(), alice.username());

        assertThat(first.get("leftConversations").asInt()).isEqualTo(1);
        assertThat(second.get("leftConversations").asInt()).isZero();
        assertThat(second.get("deletedMedia").asInt()).isZero();
        assertThat(second.get("closedConnections").asInt()).isZero();
    }

    @Test
    void a_sign_in_older_than_ten_minutes_or_another_username_deletes_nothing() {
        User alice = newUser("alice");
        String phone = "alicePhone-" + UUID.randomUUID();
        connected(alice, "phone", phone);

        JsonNode stale = deleteAccount(alice, phone, Instant.now().minusSeconds(11 * 60), alice.username());
        JsonNode wrongName = deleteAccount(alice, phone, Instant.now(), "someone-else");

        assertThat(stale.get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(stale.get("message").asText()).contains("sign in again");
        assertThat(wrongName.get("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(wrongName.get("message").asText()).contains("confirmUsername");
        assertThat(items("DEVICES_TABLE", "userId", alice.userId())).extracting(item -> item.get("deviceId").s())
                .containsExactly("phone");
        assertThat(cognito.adminGetUser(get -> get.userPoolId(poolId).username(alice.username())).username())
                .isEqualTo(alice.username());
    }
}
