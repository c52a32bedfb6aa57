package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.adapter.dynamodb.DynamoDbConnectionRepository;
import dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.testing.AwsCalls;
import dev.parley.functions.testing.ConnectionsApiServer;
import dev.parley.functions.testing.ConnectionsTable;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.DevicesTable;
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
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * sendMessage, sync, history and markRead as local-env builds them (environment maps, the real
 * composition root and SDK clients) against moto: what a sync costs, and that the send path's
 * row updates are what sync and receipts read.
 */
class SyncAgainstMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static DynamoDbClient dynamoDb;
    private static DynamoDbConversationRepository conversations;
    private static DynamoDbConnectionRepository connections;
    private static ConnectionsApiServer api;
    private static SendMessageHandler send;
    private static SyncHandler sync;
    private static ActivityHandler activity;

    @BeforeAll
    static void tablesAndHandlers() throws IOException {
        dynamoDb = new AwsClients("us-east-1", new AwsCallCounter()).dynamoDb();
        String messagesTable = MessagesTable.create(dynamoDb);
        String membershipsTable = ConversationTables.memberships(dynamoDb);
        String connectionsTable = ConnectionsTable.create(dynamoDb);
        conversations = new DynamoDbConversationRepository(dynamoDb, messagesTable, membershipsTable);
        connections = new DynamoDbConnectionRepository(dynamoDb, connectionsTable, Clock.systemUTC());
        api = new ConnectionsApiServer();
        Map<String, String> environment = Map.of(
                "AWS_REGION", "us-east-1",
                "MESSAGES_TABLE", messagesTable,
                "MEMBERSHIPS_TABLE", membershipsTable,
                "CONNECTIONS_TABLE", connectionsTable,
                "DEVICES_TABLE", DevicesTable.create(dynamoDb),
                "RATE_LIMITS_TABLE", ConversationTables.rateLimits(dynamoDb),
                "VIEWERS_TABLE", ViewersTable.create(dynamoDb),
                "APIGW_MANAGEMENT_ENDPOINT", api.endpoint().toString());
        send = new SendMessageHandler(environment);
        sync = new SyncHandler(environment);
        activity = new ActivityHandler(environment);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonNode call(Function<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> handler,
                                 String userId, String deviceId, String connectionId, String action, String fields) {
        APIGatewayV2WebSocketEvent event = LambdaJson.event("send-message.json", APIGatewayV2WebSocketEvent.class);
        event.getRequestContext().setRouteKey(action);
        event.getRequestContext().setConnectionId(connectionId);
        Map<String, Object> authorizer = new HashMap<>(event.getRequestContext().getAuthorizer());
        authorizer.put("userId", userId);
        authorizer.put("deviceId", deviceId);
        event.getRequestContext().setAuthorizer(authorizer);
        event.setBody("{\"action\":\"" + action + "\",\"requestId\":\"r-1\"" + (fields.isEmpty() ? "" : "," + fields) + "}");
        return LambdaJson.frame(handler.apply(event));
    }

    private static String conversation(String alice, String bob) {
        String id = ConversationId.direct(alice, bob);
        conversations.create(Conversation.created(id, Kind.DIRECT, null, false, Set.of(alice, bob), Set.of(), Instant.now(), alice));
        return id;
    }

    @Test
    void a_device_syncs_what_was_sent_while_it_was_away_for_five_aws_calls() {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        String direct = conversation(alice, bob);
        for (int i = 1; i <= 3; i++) {
            call(event -> send.handleRequest(event, null), alice, "phone", "aliceConn", "sendMessage",
                    "\"conversationId\":\"" + direct + "\",\"clientMessageId\":\"m" + i + "\",\"text\":\"hi " + i + "\"");
        }
        JsonNode[] reply = new JsonNode[1];

        Map<String, Long> calls = AwsCalls.during(() -> reply[0] = call(event -> sync.handleRequest(event, null),
                bob, "pixel", "bobConn", "sync", "\"cursors\":{\"" + direct + "\":0}"));

        JsonNode synced = reply[0].get("conversations").get(0);
        assertThat(synced.get("messages")).extracting(message -> message.get("text").asText())
                .containsExactly("hi 1", "hi 2", "hi 3");
        assertThat(synced.get("conversation").get("unreadCount").asLong()).isEqualTo(3);
        assertThat(synced.get("receipts").get(0).get("readSeq").asLong()).as("alice read her own messages").isEqualTo(3);
        assertThat(calls).isEqualTo(Map.of(
                "DynamoDb/Query", 2L,
                "DynamoDb/BatchGetItem", 2L,
                "DynamoDb/GetItem", 1L));
    }

    @Test
    void reading_tells_the_sender_and_history_pages_back() {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        String direct = conversation(alice, bob);
        for (int i = 1; i <= 2; i++) {
            call(event -> send.handleRequest(event, null), alice, "phone", "aliceConn", "sendMessage",
                    "\"conversationId\":\"" + direct + "\",\"clientMessageId\":\"m" + i + "\",\"text\":\"hi " + i + "\"");
        }
        String aliceConnection = "aliceLive" + UUID.randomUUID().toString().substring(0, 6) + "=";
        connections.save(Connection.opened(aliceConnection, alice, "phone", Instant.now()));

        JsonNode read = call(event -> activity.handleRequest(event, null), bob, "pixel", "bobConn", "markRead",
                "\"conversationId\":\"" + direct + "\",\"upToSeq\":2");
        JsonNode history = call(event -> sync.handleRequest(event, null), bob, "pixel", "bobConn", "history",
                "\"conversationId\":\"" + direct + "\",\"beforeSeq\":2");

        assertThat(read.get("moved").asBoolean()).isTrue();
        assertThat(read.get("unreadCount").asLong()).isZero();
        assertThat(api.postsTo(aliceConnection)).singleElement()
                .satisfies(post -> assertThat(post.body()).contains("\"type\":\"receipt\"", "\"readSeq\":2"));
        assertThat(history.get("messages")).extracting(message -> message.get("seq").asLong()).containsExactly(1L);
        assertThat(history.get("hasMore").asBoolean()).isFalse();
    }
}
