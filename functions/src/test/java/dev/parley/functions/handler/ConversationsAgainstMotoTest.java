package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.testing.ConnectionsApiServer;
import dev.parley.functions.testing.AwsCalls;
import dev.parley.functions.testing.ConnectionsTable;
import dev.parley.functions.testing.DevicesTable;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.LambdaJson;
import dev.parley.functions.testing.MessagesTable;
import dev.parley.functions.testing.MotoServer;
import dev.parley.functions.testing.ViewersTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * $connect and the conversation actions as local-env builds them (the environment-map
 * constructors, the real composition root and SDK clients) against moto, posting events to a
 * local {@code @connections} stand-in: a user who connected can be found and talked to, and
 * what each action costs in AWS calls.
 */
class ConversationsAgainstMotoTest {
    /** The caller of every action, as create-conversation.json names them. */
    private static final String ALICE = "5c1b7e4a-2f0d-4b8e-9a57-0e6f3c2d1b90";

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static ConnectionsApiServer api;
    private static ConnectHandler connect;
    private static ConversationsHandler conversations;

    @BeforeAll
    static void tablesAndTheManagementApi() throws IOException {
        DynamoDbClient dynamoDb = new AwsClients("us-east-1", new AwsCallCounter()).dynamoDb();
        api = new ConnectionsApiServer();
        Map<String, String> environment = Map.of(
                "AWS_REGION", "us-east-1",
                "MESSAGES_TABLE", MessagesTable.create(dynamoDb),
                "MEMBERSHIPS_TABLE", ConversationTables.memberships(dynamoDb),
                "USERS_TABLE", ConversationTables.users(dynamoDb),
                "RATE_LIMITS_TABLE", ConversationTables.rateLimits(dynamoDb),
                "CONNECTIONS_TABLE", ConnectionsTable.create(dynamoDb),
                "DEVICES_TABLE", DevicesTable.create(dynamoDb),
                "VIEWERS_TABLE", ViewersTable.create(dynamoDb),
                "APIGW_MANAGEMENT_ENDPOINT", api.endpoint().toString());
        connect = new ConnectHandler(environment);
        conversations = new ConversationsHandler(environment);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** Connects a device of a new user through $connect, as the authorizer would describe them. */
    private static String connected(String username, String connectionId) {
        String userId = "sub-" + UUID.randomUUID();
        APIGatewayV2WebSocketEvent event = LambdaJson.event("connect.json", APIGatewayV2WebSocketEvent.class);
        event.getRequestContext().setConnectionId(connectionId);
        event.getRequestContext().setAuthorizer(Map.of("principalId", userId, "userId", userId, "deviceId", "pixel", "username", username));
        assertThat(connect.handleRequest(event, null).getStatusCode()).isEqualTo(200);
        return userId;
    }

    private static JsonNode alice(String action, String fields) {
        APIGatewayV2WebSocketEvent event = LambdaJson.event("create-conversation.json", APIGatewayV2WebSocketEvent.class);
        event.getRequestContext().setRouteKey(action);
        event.setBody("{\"action\":\"" + action + "\",\"requestId\":\"r-1\"" + fields + "}");
        return LambdaJson.frame(conversations.handleRequest(event, null));
    }

    @Test
    void a_user_who_connected_is_found_by_username_and_gets_the_new_conversation_on_their_socket() {
        String username = "bob-" + UUID.randomUUID();
        String bob = connected(username, "bobConnection1=");

        JsonNode found = alice("findUsers", ",\"usernames\":[\"" + username + "\"]");
        JsonNode created = alice("createConversation", ",\"kind\":\"direct\",\"members\":[\"" + found.at("/users/0/userId").asText() + "\"]");

        assertThat(found.at("/users/0/userId").asText()).isEqualTo(bob);
        assertThat(created.get("created").asBoolean()).isTrue();
        assertThat(api.postsTo("bobConnection1=")).singleElement().satisfies(post -> assertThat(post.body())
                .contains("\"type\":\"conversation\"", "\"change\":\"created\"", created.at("/conversation/conversationId").asText()));
    }

    @Test
    void what_each_action_costs_in_aws_calls() {
        String bob = connected("bob-" + UUID.randomUUID(), "bobConnection2=");
        String carol = "sub-" + UUID.randomUUID();
        JsonNode[] group = new JsonNode[1];

        Map<String, Long> create = AwsCalls.during(() -> group[0] = alice("createConversation", ",\"kind\":\"group\",\"members\":[\"" + bob + "\"]"));
        String withId = ",\"conversationId\":\"" + group[0].at("/conversation/conversationId").asText() + "\"";
        Map<String, Long> get = AwsCalls.during(() -> alice("getConversation", withId));
        Map<String, Long> add = AwsCalls.during(() -> alice("addMembers", withId + ",\"userIds\":[\"" + carol + "\"]"));
        Map<String, Long> find = AwsCalls.during(() -> alice("findUsers", ",\"usernames\":[\"nobody\"]"));

        // Events carry each recipient's role, so admins and members are looked up and posted to apart:
        // two BatchGetItems reading the same items one would, hence the same read units.
        assertThat(create).isEqualTo(Map.of("DynamoDb/TransactWriteItems", 1L, "DynamoDb/BatchGetItem", 2L,
                "ApiGatewayManagementApi/PostToConnection", 1L));
        assertThat(get).isEqualTo(Map.of("DynamoDb/Query", 1L, "DynamoDb/GetItem", 1L));
        // Adding a member also marks the rows of the members who were there changed, so their
        // devices' next sync reports the new member list: one UpdateItem per existing member.
        assertThat(add).isEqualTo(Map.of("DynamoDb/Query", 1L, "DynamoDb/TransactWriteItems", 1L, "DynamoDb/GetItem", 1L,
                "DynamoDb/BatchGetItem", 2L, "ApiGatewayManagementApi/PostToConnection", 1L, "DynamoDb/UpdateItem", 2L));
        assertThat(find).isEqualTo(Map.of("DynamoDb/UpdateItem", 1L, "DynamoDb/BatchGetItem", 1L));
    }
}
