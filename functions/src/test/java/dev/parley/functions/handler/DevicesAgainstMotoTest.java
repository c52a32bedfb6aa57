package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.testing.AwsCalls;
import dev.parley.functions.testing.ConnectionsApiServer;
import dev.parley.functions.testing.ConnectionsTable;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.DevicesTable;
import dev.parley.functions.testing.LambdaJson;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * $connect and the device actions as local-env builds them (environment-map constructors, the
 * real composition root) against moto's DynamoDB and Cognito, and a stand-in for {@code @connections}.
 */
class DevicesAgainstMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static ConnectionsApiServer api;
    private static ConnectHandler connect;
    private static DevicesHandler devices;
    private static CognitoIdentityProviderClient cognito;
    private static String poolId;

    @BeforeAll
    static void tablesPoolAndTheManagementApi() throws IOException {
        AwsClients aws = new AwsClients("us-east-1", new AwsCallCounter());
        DynamoDbClient dynamoDb = aws.dynamoDb();
        cognito = aws.cognito();
        poolId = cognito.createUserPool(pool -> pool.poolName("parley-devices")).userPool().id();
        api = new ConnectionsApiServer();
        Map<String, String> environment = Map.of(
                "AWS_REGION", "us-east-1",
                "USERS_TABLE", ConversationTables.users(dynamoDb),
                "CONNECTIONS_TABLE", ConnectionsTable.create(dynamoDb),
                "DEVICES_TABLE", DevicesTable.create(dynamoDb),
                "USER_POOL_ID", poolId,
                "APIGW_MANAGEMENT_ENDPOINT", api.endpoint().toString());
        connect = new ConnectHandler(environment);
        devices = new DevicesHandler(environment);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private record User(String userId, String username) {
    }

    private static User newUser() {
        String username = "alice-" + UUID.randomUUID();
        cognito.adminCreateUser(user -> user.userPoolId(poolId).username(username).messageAction("SUPPRESS"));
        return new User("sub-" + UUID.randomUUID(), username);
    }

    private static Map<String, Object> authorizer(User user, String deviceId) {
        return Map.of("principalId", user.userId(), "userId", user.userId(), "deviceId", deviceId, "username", user.username());
    }

    private static void connected(User user, String deviceId, String platform, String connectionId) {
        APIGatewayV2WebSocketEvent event = LambdaJson.event("connect.json", APIGatewayV2WebSocketEvent.class);
        event.getRequestContext().setConnectionId(connectionId);
        event.getRequestContext().setAuthorizer(authorizer(user, deviceId));
        Map<String, String> query = new HashMap<>(event.getQueryStringParameters());
        query.put("platform", platform);
        event.setQueryStringParameters(query);
        assertThat(connect.handleRequest(event, null).getStatusCode()).isEqualTo(200);
    }

    private static JsonNode ask(User user, String deviceId, String connectionId, String action, String fields) {
        APIGatewayV2WebSocketEvent event = LambdaJson.event("create-conversation.json", APIGatewayV2WebSocketEvent.class);
        event.getRequestContext().setRouteKey(action);
        event.getRequestContext().setConnectionId(connectionId);
        event.getRequestContext().setAuthorizer(authorizer(user, deviceId));
        event.setBody("{\"action\":\"" + action + "\",\"requestId\":\"r-1\"" + fields + "}");
        return LambdaJson.frame(devices.handleRequest(event, null));
    }

    @Test
    void a_connected_device_is_listed_and_revoking_another_closes_only_its_socket() {
        User alice = newUser();
        String phone = "phone-" + UUID.randomUUID();
        String tablet = "tablet-" + UUID.randomUUID();
        connected(alice, "phone", "ios", phone);
        connected(alice, "tablet", "android", tablet);

        JsonNode listed = ask(alice, "phone", phone, "listDevices", "");
        JsonNode revoked = ask(alice, "phone", phone, "revokeDevice", ",\"deviceId\":\"tablet\"");
        JsonNode after = ask(alice, "phone", phone, "listDevices", "");

        assertThat(listed.get("devices")).hasSize(2);
        assertThat(listed.get("devices").findValuesAsText("platform")).containsExactlyInAnyOrder("ios", "android");
        assertThat(listed.get("devices").findValues("connected")).allSatisfy(connected -> assertThat(connected.asBoolean()).isTrue());
        assertThat(revoked.get("closedConnections").asInt()).isEqualTo(1);
        assertThat(api.deletes()).contains(tablet).doesNotContain(phone);
        JsonNode tabletAfter = after.get("devices").findParents("deviceId").stream()
                .filter(device -> device.get("deviceId").asText().equals("tablet")).findFirst().orElseThrow();
        assertThat(tabletAfter.get("revoked").asBoolean()).isTrue();
        assertThat(tabletAfter.get("connected").asBoolean()).isFalse();
    }

    @Test
    void sign_out_everywhere_closes_the_users_other_sockets_and_no_one_elses() {
        User alice = newUser();
        User bob = newUser();
        String phone = "phone-" + UUID.randomUUID();
        String laptop = "laptop-" + UUID.randomUUID();
        String bobs = "bob-" + UUID.randomUUID();
        connected(alice, "phone", "ios", phone);
        connected(alice, "laptop", "web", laptop);
        connected(bob, "phone", "android", bobs);

        Map<String, Long> calls = AwsCalls.during(() -> {
            JsonNode reply = ask(alice, "phone", phone, "signOutEverywhere", "");
            assertThat(reply.get("revokedDevices").asInt()).isEqualTo(2);
            assertThat(reply.get("closedConnections").asInt()).isEqualTo(1);
        });

        assertThat(api.deletes()).contains(laptop).doesNotContain(phone, bobs);
        assertThat(calls).containsEntry("CognitoIdentityProvider/AdminUserGlobalSignOut", 1L)
                .containsEntry("ApiGatewayManagementApi/DeleteConnection", 1L);
    }

    @Test
    void revoking_a_device_that_was_never_seen_is_not_found() {
        User alice = newUser();
        String phone = "phone-" + UUID.randomUUID();
        connected(alice, "phone", "ios", phone);

        assertThat(ask(alice, "phone", phone, "revokeDevice", ",\"deviceId\":\"ghost\"").get("code").asText()).isEqualTo("NOT_FOUND");
    }
}
