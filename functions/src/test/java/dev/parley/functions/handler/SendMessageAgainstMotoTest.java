package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.adapter.dynamodb.DynamoDbConnectionRepository;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.testing.ConnectionsApiServer;
import dev.parley.functions.testing.AwsCalls;
import dev.parley.functions.testing.ConnectionsTable;
import dev.parley.functions.testing.LambdaJson;
import dev.parley.functions.testing.MessagesTable;
import dev.parley.functions.testing.MotoServer;
import dev.parley.model.Frame;
import dev.parley.model.ProtocolCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.testing.CapturedLogs;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * sendMessage as local-env builds it (the environment-map constructor, the real composition root
 * and SDK clients) against moto, posting to a local {@code @connections} stand-in: the AWS calls
 * a send costs, and what a dropped socket leaves behind.
 */
class SendMessageAgainstMotoTest {
    /** The sending socket, as send-message.json names it. */
    private static final String ALICE = "5c1b7e4a-2f0d-4b8e-9a57-0e6f3c2d1b90";
    private static final String ALICE_CONNECTION = "eRcq1dBfoAMCJfw=";

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    private static DynamoDbClient dynamoDb;
    private static String messagesTable;
    private static DynamoDbConnectionRepository connections;
    private static ConnectionsApiServer api;
    private static SendMessageHandler handler;

    @BeforeAll
    static void tablesAndTheManagementApi() throws IOException {
        dynamoDb = new AwsClients("us-east-1", new AwsCallCounter()).dynamoDb();
        messagesTable = MessagesTable.create(dynamoDb);
        String connectionsTable = ConnectionsTable.create(dynamoDb);
        connections = new DynamoDbConnectionRepository(dynamoDb, connectionsTable, Clock.systemUTC());
        api = new ConnectionsApiServer();
        handler = new SendMessageHandler(Map.of(
                "AWS_REGION", "us-east-1",
                "MESSAGES_TABLE", messagesTable,
                "CONNECTIONS_TABLE", connectionsTable,
                "APIGW_MANAGEMENT_ENDPOINT", api.endpoint().toString()));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static void connect(String connectionId, String userId, String deviceId) {
        connect(connectionId, userId, deviceId, Instant.now());
    }

    private static void connect(String connectionId, String userId, String deviceId, Instant connectedAt) {
        connections.save(Connection.opened(connectionId, userId, deviceId, connectedAt));
    }

    private static Frame send(String conversationId, String clientMessageId) {
        APIGatewayV2WebSocketEvent event = LambdaJson.event("send-message.json", APIGatewayV2WebSocketEvent.class);
        event.setBody("{\"action\":\"sendMessage\",\"requestId\":\"r-1\",\"conversationId\":\"" + conversationId
                + "\",\"clientMessageId\":\"" + clientMessageId + "\",\"text\":\"hello\"}");
        return ProtocolCodec.instance().decodeFrame(handler.handleRequest(event, null).getBody());
    }

    @Test
    void a_one_to_one_send_costs_one_query_one_transaction_one_batch_get_and_one_post() {
        String bob = "bob-" + UUID.randomUUID();
        String conversation = ConversationId.direct(ALICE, bob);
        MessagesTable.putHeader(dynamoDb, messagesTable, conversation, "direct", false, Set.of(ALICE, bob));
        connect(ALICE_CONNECTION, ALICE, "iphone-7f3a");
        connect("bobConnection1=", bob, "pixel");
        Frame[] reply = new Frame[1];

        Map<String, Long> calls = AwsCalls.during(() -> reply[0] = send(conversation, "cost-1"));

        assertThat(reply[0]).isInstanceOfSatisfying(Frame.Reply.class,
                ok -> assertThat(ok.payload().get("seq").asLong()).isEqualTo(1));
        assertThat(calls).isEqualTo(Map.of(
                "DynamoDb/Query", 1L,
                "DynamoDb/TransactWriteItems", 1L,
                "DynamoDb/BatchGetItem", 1L,
                "ApiGatewayManagementApi/PostToConnection", 1L));
        assertThat(api.postsTo("bobConnection1=")).singleElement()
                .satisfies(post -> assertThat(post.body()).contains("\"type\":\"message\"", "\"seq\":1"));
        assertThat(api.postsTo(ALICE_CONNECTION)).isEmpty();
    }

    @Test
    void a_socket_dropped_without_a_close_is_removed_by_the_next_send_and_everyone_else_still_receives() {
        String bob = "bob-" + UUID.randomUUID();
        String carol = "carol-" + UUID.randomUUID();
        String group = ConversationId.newGroup();
        MessagesTable.putHeader(dynamoDb, messagesTable, group, "group", false, Set.of(ALICE, bob, carol));
        connect("bobPhoneDropped=", bob, "phone", Instant.now().minusSeconds(60));
        connect("bobLaptopLive01=", bob, "laptop");
        connect("bobTabletJoins=", bob, "tablet");
        connect("carolLive000001=", carol, "pixel");
        api.script("bobPhoneDropped=", ConnectionsApiServer.Answer.GONE);
        api.script("bobTabletJoins=", ConnectionsApiServer.Answer.GONE); // its $connect is still running

        Frame reply = send(group, "after-drop");

        assertThat(reply).isInstanceOf(Frame.Reply.class);
        assertThat(api.postsTo("bobLaptopLive01=")).hasSize(1);
        assertThat(api.postsTo("carolLive000001=")).hasSize(1);
        assertThat(connections.findLive(List.of(bob), Instant.now())).extracting(Connection::connectionId)
                .as("the 60 s old socket is forgotten; the one registered just now is still connecting and stays")
                .containsExactlyInAnyOrder("bobLaptopLive01=", "bobTabletJoins=");
    }

    /**
     * The metrics of one send, as CloudWatch reads them from the function's log: Embedded Metric
     * Format lines in namespace Parley without dimensions. Carol's phone answers 429 once (retried,
     * then accepted) and bob's dropped phone 410.
     */
    @Test
    void a_send_writes_its_metrics_as_embedded_metric_format_lines_in_the_log() {
        String bob = "bob-" + UUID.randomUUID();
        String carol = "carol-" + UUID.randomUUID();
        String group = ConversationId.newGroup();
        MessagesTable.putHeader(dynamoDb, messagesTable, group, "group", false, Set.of(ALICE, bob, carol));
        connect("bobPhoneGone001=", bob, "phone", Instant.now().minusSeconds(60));
        connect("bobLaptopMetric=", bob, "laptop");
        connect("carolThrottled1=", carol, "pixel");
        api.script("bobPhoneGone001=", ConnectionsApiServer.Answer.GONE);
        api.script("carolThrottled1=", ConnectionsApiServer.Answer.THROTTLED);

        assertThat(send(group, "metrics-1")).isInstanceOf(Frame.Reply.class);

        Map<String, JsonNode> metrics = new HashMap<>();
        Map<String, Double> values = new HashMap<>();
        for (JsonNode line : logs.lines()) {
            JsonNode directives = line.path("_aws").path("CloudWatchMetrics");
            if (directives.isMissingNode()) {
                continue;
            }
            assertThat(line.path("_aws").path("Timestamp").asLong()).isPositive();
            assertThat(directives).hasSize(1);
            JsonNode directive = directives.get(0);
            assertThat(directive.path("Namespace").asText()).isEqualTo("Parley");
            assertThat(directive.path("Dimensions")).allSatisfy(set -> assertThat(set).isEmpty());
            for (JsonNode metric : directive.path("Metrics")) {
                String name = metric.path("Name").asText();
                assertThat(line.has(name)).as("the value of %s is on its line", name).isTrue();
                metrics.put(name, metric);
                values.merge(name, line.get(name).asDouble(), Double::sum);
            }
        }
        assertThat(metrics).containsOnlyKeys("MessagesStored", "Deliveries", "GoneConnections", "ConnectionsThrottled",
                "SendLatency");
        assertThat(values.get("MessagesStored")).isEqualTo(1);
        assertThat(values.get("Deliveries")).as("bob's laptop and carol's phone").isEqualTo(2);
        assertThat(values.get("GoneConnections")).isEqualTo(1);
        assertThat(values.get("ConnectionsThrottled")).isEqualTo(1);
        assertThat(metrics.get("SendLatency").path("Unit").asText()).isEqualTo("Milliseconds");
        assertThat(values.get("SendLatency")).isPositive();
    }
}
