package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.adapter.dynamodb.DynamoDbConnectionRepository;
import dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.testing.ConnectionsApiServer;
import dev.parley.functions.testing.ConnectionsTable;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.DevicesTable;
import dev.parley.functions.testing.LambdaJson;
import dev.parley.functions.testing.MessagesTable;
import dev.parley.functions.testing.MotoServer;
import dev.parley.functions.testing.SqsEvents;
import dev.parley.model.ProtocolCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presence as local-env builds it against moto: $connect and $disconnect enqueue the transitions,
 * the worker publishes them to contacts, and the settings and getPresence actions.
 */
class PresenceAgainstMotoTest {
    /** The user of connect.json and disconnect.json. */
    private static final String ALICE = "5c1b7e4a-2f0d-4b8e-9a57-0e6f3c2d1b90";
    private static final String BOB = "bob-presence";
    private static final ProtocolCodec CODEC = ProtocolCodec.instance();

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static SqsClient sqs;
    private static String queueUrl;
    private static DynamoDbConnectionRepository connections;
    private static ConnectionsApiServer api;
    private static Map<String, String> environment;

    @BeforeAll
    static void tablesQueueAndAConversationOfAliceAndBob() throws IOException {
        AwsClients aws = new AwsClients("us-east-1", new AwsCallCounter());
        var dynamoDb = aws.dynamoDb();
        sqs = aws.sqs();
        queueUrl = sqs.createQueue(create -> create.queueName("presence-" + System.nanoTime())).queueUrl();
        String messagesTable = MessagesTable.create(dynamoDb);
        String membershipsTable = ConversationTables.memberships(dynamoDb);
        String connectionsTable = ConnectionsTable.create(dynamoDb);
        connections = new DynamoDbConnectionRepository(dynamoDb, connectionsTable, Clock.systemUTC());
        new DynamoDbConversationRepository(dynamoDb, messagesTable, membershipsTable).create(Conversation.created(
                ConversationId.direct(ALICE, BOB), Kind.DIRECT, null, false, Set.of(ALICE, BOB), Set.of(), Instant.now(), ALICE));
        api = new ConnectionsApiServer();
        environment = Map.of(
                "AWS_REGION", "us-east-1",
                "MESSAGES_TABLE", messagesTable,
                "MEMBERSHIPS_TABLE", membershipsTable,
                "CONNECTIONS_TABLE", connectionsTable,
                "DEVICES_TABLE", DevicesTable.create(dynamoDb),
                "USERS_TABLE", ConversationTables.users(dynamoDb),
                "PRESENCE_QUEUE_URL", queueUrl,
                "APIGW_MANAGEMENT_ENDPOINT", api.endpoint().toString());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonNode presenceAction(String userId, String action, String fields) {
        APIGatewayV2WebSocketEvent event = LambdaJson.event("send-message.json", APIGatewayV2WebSocketEvent.class);
        event.getRequestContext().setRouteKey(action);
        Map<String, Object> authorizer = new HashMap<>(event.getRequestContext().getAuthorizer());
        authorizer.put("userId", userId);
        event.getRequestContext().setAuthorizer(authorizer);
        event.setBody("{\"action\":\"" + action + "\",\"requestId\":\"r-1\"" + (fields.isEmpty() ? "" : "," + fields) + "}");
        return LambdaJson.frame(new PresenceHandler(environment).handleRequest(event, null));
    }

    @Test
    void connecting_enqueues_online_once_and_the_last_disconnect_a_delayed_offline_check_the_worker_publishes() throws Exception {
        connections.save(Connection.opened("bobLive0000001=", BOB, "pixel", Instant.now()));
        ConnectHandler connect = new ConnectHandler(environment);
        connect.handleRequest(LambdaJson.event("connect.json", APIGatewayV2WebSocketEvent.class), null);
        connect.handleRequest(LambdaJson.event("connect.json", APIGatewayV2WebSocketEvent.class), null);

        SQSEvent online = SqsEvents.receive(sqs, queueUrl);
        assertThat(online.getRecords()).singleElement().satisfies(record -> {
            JsonNode body = CODEC.mapper().readTree(record.getBody());
            assertThat(body.get("userId").asText()).isEqualTo(ALICE);
            assertThat(body.get("kind").asText()).isEqualTo("online");
            assertThat(body.get("at").asLong()).isPositive();
        });
        SQSBatchResponse published = new PresenceWorkerHandler(environment).handleRequest(online, null);
        assertThat(published.getBatchItemFailures()).isEmpty();
        assertThat(api.postsTo("bobLive0000001=")).singleElement()
                .satisfies(post -> assertThat(post.body()).contains("\"type\":\"presence\"", "\"status\":\"online\""));

        new DisconnectHandler(environment).handleRequest(LambdaJson.event("disconnect.json", APIGatewayV2WebSocketEvent.class), null);

        assertThat(sqs.getQueueAttributes(get -> get.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .as("the offline check waits out the debounce").isEqualTo("1");
        SQSEvent check = SqsEvents.event("arn:aws:sqs:us-east-1:123456789012:presence", List.of(
                software.amazon.awssdk.services.sqs.model.Message.builder().messageId("m-1").receiptHandle("h")
                        .body("{\"userId\":\"" + ALICE + "\",\"kind\":\"offlineCheck\",\"at\":1767225600000}").md5OfBody("x").build(),
                software.amazon.awssdk.services.sqs.model.Message.builder().messageId("m-2").receiptHandle("h")
                        .body("not json").md5OfBody("x").build()));
        SQSBatchResponse offline = new PresenceWorkerHandler(environment).handleRequest(check, null);

        assertThat(offline.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-2");
        assertThat(api.postsTo("bobLive0000001=")).last()
                .satisfies(post -> assertThat(post.body()).contains("\"status\":\"offline\"", "\"lastSeenAt\":1767225600000"));
        assertThat(presenceAction(BOB, "getPresence", "\"userIds\":[\"" + ALICE + "\",\"stranger\"]").get("presence"))
                .singleElement().satisfies(info -> {
                    assertThat(info.get("status").asText()).isEqualTo("offline");
                    assertThat(info.get("lastSeenAt").asLong()).isEqualTo(1767225600000L);
                });
    }

    @Test
    void a_user_who_hides_presence_is_left_out_of_get_presence_and_settings_say_so() {
        JsonNode updated = presenceAction("carol-hidden", "updateSettings", "\"presenceVisible\":false");
        JsonNode read = presenceAction("carol-hidden", "getSettings", "");

        assertThat(updated.get("presenceVisible").asBoolean()).isFalse();
        assertThat(read.get("presenceVisible").asBoolean()).isFalse();
        assertThat(read.get("pushPreview").asBoolean()).isTrue();
        assertThat(presenceAction(BOB, "getPresence", "\"userIds\":[\"carol-hidden\"]").get("presence")).isEmpty();
    }
}
