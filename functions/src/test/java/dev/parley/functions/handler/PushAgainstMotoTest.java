package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.adapter.dynamodb.DynamoDbConnectionRepository;
import dev.parley.functions.adapter.dynamodb.DynamoDbDeviceRegistry;
import dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.message.MessageDraft;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.testing.ConnectionsApiServer;
import dev.parley.functions.testing.ConnectionsTable;
import dev.parley.functions.testing.AwsCalls;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.DevicesTable;
import dev.parley.functions.testing.LambdaJson;
import dev.parley.functions.testing.MessagesTable;
import dev.parley.functions.testing.MotoPushes;
import dev.parley.functions.testing.MotoServer;
import dev.parley.functions.testing.PushApplications;
import dev.parley.functions.testing.SqsEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole push path as local-env runs it, against moto: registerDevice and muteConversation
 * (PushHandler), sendMessage enqueueing to a real SQS queue, and the worker run on the SQS event
 * Lambda would build from that queue, publishing to SNS endpoints whose payloads are read back.
 */
class PushAgainstMotoTest {
    /** The sender, as send-message.json names it: device iphone-7f3a, username alice. */
    private static final String ALICE = "5c1b7e4a-2f0d-4b8e-9a57-0e6f3c2d1b90";

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static DynamoDbClient dynamoDb;
    private static SnsClient sns;
    private static SqsClient sqs;
    private static String messagesTable;
    private static String membershipsTable;
    private static String devicesTable;
    private static String queueUrl;
    private static DynamoDbConnectionRepository connections;
    private static DynamoDbDeviceRegistry devices;
    private static ConnectionsApiServer api;
    private static SendMessageHandler send;
    private static PushHandler push;
    private static PushWorkerHandler worker;

    @BeforeAll
    static void tablesQueueAndPlatformApplications() throws IOException {
        AwsClients aws = new AwsClients("us-east-1", new AwsCallCounter());
        dynamoDb = aws.dynamoDb();
        sns = aws.sns();
        sqs = aws.sqs();
        messagesTable = MessagesTable.create(dynamoDb);
        membershipsTable = ConversationTables.memberships(dynamoDb);
        String connectionsTable = ConnectionsTable.create(dynamoDb);
        devicesTable = DevicesTable.create(dynamoDb);
        connections = new DynamoDbConnectionRepository(dynamoDb, connectionsTable, Clock.systemUTC());
        devices = new DynamoDbDeviceRegistry(dynamoDb, devicesTable);
        queueUrl = sqs.createQueue(create -> create.queueName("push-" + UUID.randomUUID())).queueUrl();
        api = new ConnectionsApiServer();
        Map<String, String> environment = Map.of(
                "AWS_REGION", "us-east-1",
                "MESSAGES_TABLE", messagesTable,
                "MEMBERSHIPS_TABLE", membershipsTable,
                "CONNECTIONS_TABLE", connectionsTable,
                "DEVICES_TABLE", devicesTable,
                "APIGW_MANAGEMENT_ENDPOINT", api.endpoint().toString(),
                "PUSH_QUEUE_URL", queueUrl,
                "PUSH_APP_ARN_APNS", PushApplications.apns(sns, "APNS"),
                "PUSH_APP_ARN_FCM", PushApplications.fcm(sns));
        send = new SendMessageHandler(environment);
        push = new PushHandler(environment);
        worker = new PushWorkerHandler(environment);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** A direct conversation of alice and a new user, with both membership rows; returns [bob, conversationId]. */
    private static String[] conversationWithBob() {
        String bob = "bob-" + UUID.randomUUID();
        String conversation = ConversationId.direct(ALICE, bob);
        MessagesTable.putHeader(dynamoDb, messagesTable, conversation, "direct", false, Set.of(ALICE, bob));
        for (String member : List.of(ALICE, bob)) {
            dynamoDb.putItem(put -> put.tableName(membershipsTable).item(Map.of(
                    "userId", AttributeValue.fromS(member), "conversationId", AttributeValue.fromS(conversation),
                    "role", AttributeValue.fromS("member"), "joinedAt", AttributeValue.fromN("1"))));
        }
        return new String[] {bob, conversation};
    }

    private static JsonNode ask(String userId, String deviceId, String action, String fields) {
        APIGatewayV2WebSocketEvent event = LambdaJson.event("create-conversation.json", APIGatewayV2WebSocketEvent.class);
        event.getRequestContext().setRouteKey(action);
        event.getRequestContext().setConnectionId("conn-" + UUID.randomUUID());
        event.getRequestContext().setAuthorizer(Map.of("principalId", userId, "userId", userId, "deviceId", deviceId));
        event.setBody("{\"action\":\"" + action + "\",\"requestId\":\"r-1\"" + fields + "}");
        return LambdaJson.frame(push.handleRequest(event, null));
    }

    /** Registers the device for APNs and returns its endpoint ARN, as the devices table keeps it. */
    private static String registered(String userId, String deviceId) {
        JsonNode reply = ask(userId, deviceId, "registerDevice", ",\"platform\":\"APNS\",\"token\":\"" + UUID.randomUUID() + "\"");
        assertThat(reply.get("status").asText()).as(reply.toString()).isEqualTo("active");
        return dynamoDb.getItem(get -> get.tableName(devicesTable).key(Map.of(
                "userId", AttributeValue.fromS(userId), "deviceId", AttributeValue.fromS(deviceId))))
                .item().get("pushEndpointArn").s();
    }

    /** Alice's send, and the AWS calls it made. */
    private static Map<String, Long> aliceSendsCounting(String conversation, String text) {
        return AwsCalls.during(() -> aliceSends(conversation, text));
    }

    /**
     * What a 1:1 send costs here: the tail Query, the message's transaction, ONE BatchGetItem of both members' connections
     * and push summaries, the two membership rows, and {@code extra}.
     */
    private static Map<String, Long> oneToOneSend(Map<String, Long> extra) {
        Map<String, Long> calls = new java.util.TreeMap<>(Map.of(
                "DynamoDb/Query", 1L, "DynamoDb/TransactWriteItems", 1L, "DynamoDb/BatchGetItem", 1L, "DynamoDb/UpdateItem", 2L));
        calls.putAll(extra);
        return calls;
    }

    private static void aliceSends(String conversation, String text) {
        APIGatewayV2WebSocketEvent event = LambdaJson.event("send-message.json", APIGatewayV2WebSocketEvent.class);
        event.setBody("{\"action\":\"sendMessage\",\"requestId\":\"r-1\",\"conversationId\":\"" + conversation
                + "\",\"clientMessageId\":\"" + UUID.randomUUID() + "\",\"text\":\"" + text + "\"}");
        assertThat(LambdaJson.frame(send.handleRequest(event, null)).get("type").asText()).isEqualTo("reply");
    }

    private static SQSBatchResponse runWorker() {
        SQSEvent event = SqsEvents.receive(sqs, queueUrl);
        assertThat(event.getRecords()).isNotEmpty();
        return worker.handleRequest(event, null);
    }

    private static List<JsonNode> apnsPushes(String endpointArn) {
        return MotoPushes.payloads(MOTO.endpoint(), endpointArn, "APNS");
    }

    @Test
    void an_offline_members_device_gets_exactly_one_push_with_sender_text_and_badge() {
        String[] bobAndConversation = conversationWithBob();
        String bobPhone = registered(bobAndConversation[0], "bob-phone");

        Map<String, Long> calls = aliceSendsCounting(bobAndConversation[1], "lunch at noon?");
        SQSBatchResponse response = runWorker();

        assertThat(calls).isEqualTo(oneToOneSend(Map.of("Sqs/SendMessage", 1L)));
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(apnsPushes(bobPhone)).singleElement().satisfies(payload -> {
            assertThat(payload.at("/aps/alert/title").asText()).isEqualTo("alice");
            assertThat(payload.at("/aps/alert/body").asText()).isEqualTo("lunch at noon?");
            assertThat(payload.at("/aps/badge").asInt()).isEqualTo(1);
            assertThat(payload.at("/aps/thread-id").asText()).isEqualTo(bobAndConversation[1]);
        });
    }

    /**
     * A large group of bob's whose timeline holds {@code stored} messages of alice's while bob's row, marked large,
     * says he read {@code read}: as the large send path leaves it, which moves no member's row.
     */
    private static void largeGroupOf(String bob, int stored, int read) {
        String group = ConversationId.newGroup();
        MessagesTable.putHeader(dynamoDb, messagesTable, group, "group", false, Set.of());
        dynamoDb.updateItem(update -> update.tableName(messagesTable)
                .key(Map.of("conversationId", AttributeValue.fromS(group),
                        "seq", AttributeValue.fromN(MessagesTable.HEADER_SEQ)))
                .updateExpression("SET tier = :large, memberCount = :count")
                .expressionAttributeValues(Map.of(":large", AttributeValue.fromS("large"),
                        ":count", AttributeValue.fromN("70"))));
        dynamoDb.putItem(put -> put.tableName(membershipsTable).item(Map.of(
                "userId", AttributeValue.fromS(bob), "conversationId", AttributeValue.fromS(group),
                "role", AttributeValue.fromS("member"), "joinedAt", AttributeValue.fromN("1"),
                "tier", AttributeValue.fromS("large"), "lastSeq", AttributeValue.fromN(Integer.toString(read)),
                "readSeq", AttributeValue.fromN(Integer.toString(read)))));
        DynamoDbMessageRepository messages = new DynamoDbMessageRepository(dynamoDb, messagesTable);
        for (int seq = 1; seq <= stored; seq++) {
            messages.append(MessageDraft.of(group, UUID.randomUUID().toString(), "news " + seq, null, null, null)
                    .toMessage(new Actor(ALICE, "iphone-7f3a", null), seq, Instant.now(), List.of()));
        }
    }

    @Test
    void the_badge_counts_a_large_groups_messages_from_its_timeline_with_one_query_more() {
        String[] bobAndConversation = conversationWithBob();
        String bobPhone = registered(bobAndConversation[0], "bob-phone");
        largeGroupOf(bobAndConversation[0], 4, 1);

        aliceSends(bobAndConversation[1], "seen the news?");
        Map<String, Long> calls = AwsCalls.during(PushAgainstMotoTest::runWorker);

        assertThat(apnsPushes(bobPhone)).singleElement()
                .satisfies(payload -> assertThat(payload.at("/aps/badge").asInt()).isEqualTo(1 + (4 - 1)));
        assertThat(calls).as("bob's rows, then the large group's header and newest message")
                .containsEntry("DynamoDb/Query", 2L);
    }

    @Test
    void a_send_to_members_without_any_push_registration_enqueues_nothing_and_makes_no_extra_call() {
        String[] bobAndConversation = conversationWithBob();

        Map<String, Long> calls = aliceSendsCounting(bobAndConversation[1], "nobody registered");

        assertThat(calls).isEqualTo(oneToOneSend(Map.of()));
    }

    @Test
    void a_device_with_a_live_connection_gets_no_push_and_nothing_is_enqueued() {
        String[] bobAndConversation = conversationWithBob();
        String bobPhone = registered(bobAndConversation[0], "bob-phone");
        String bobLive = "bobLive-" + UUID.randomUUID();
        connections.save(Connection.opened(bobLive, bobAndConversation[0], "bob-phone", Instant.now()));

        Map<String, Long> calls = aliceSendsCounting(bobAndConversation[1], "you are online");

        assertThat(calls).isEqualTo(oneToOneSend(Map.of("ApiGatewayManagementApi/PostToConnection", 1L)));
        assertThat(api.postsTo(bobLive)).hasSize(1);
        assertThat(apnsPushes(bobPhone)).isEmpty();
    }

    @Test
    void a_muted_conversation_gets_no_push() {
        String[] bobAndConversation = conversationWithBob();
        String bobPhone = registered(bobAndConversation[0], "bob-phone");
        JsonNode muted = ask(bobAndConversation[0], "bob-phone", "muteConversation",
                ",\"conversationId\":\"" + bobAndConversation[1] + "\",\"muted\":true");

        aliceSends(bobAndConversation[1], "shh");
        runWorker();

        assertThat(muted.get("muted").asBoolean()).as(muted.toString()).isTrue();
        assertThat(apnsPushes(bobPhone)).isEmpty();
    }

    @Test
    void a_disabled_endpoint_marks_the_device_for_re_registration_and_a_bad_record_alone_is_reported_failed() {
        String[] bobAndConversation = conversationWithBob();
        String bob = bobAndConversation[0];
        String bobPhone = registered(bob, "bob-phone");
        sns.setEndpointAttributes(set -> set.endpointArn(bobPhone).attributes(Map.of("Enabled", "false")));
        sqs.sendMessage(bad -> bad.queueUrl(queueUrl).messageBody("not a push job"));

        aliceSends(bobAndConversation[1], "are you there?");
        String eventJson = SqsEvents.receiveJson(sqs, queueUrl);
        JsonNode response = LambdaJson.invoke(worker, eventJson);

        SQSEvent event = LambdaJson.fromJson(eventJson, SQSEvent.class);
        assertThat(event.getRecords()).hasSize(2);
        String badId = event.getRecords().stream().filter(record -> record.getBody().equals("not a push job"))
                .findFirst().orElseThrow().getMessageId();
        assertThat(response.toString())
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + badId + "\"}]}");
        assertThat(devices.required(bob, "bob-phone")).isTrue();
        assertThat(apnsPushes(bobPhone)).isEmpty();
        assertThat(aliceSendsCounting(bobAndConversation[1], "still there?")).doesNotContainKey("Sqs/SendMessage");

        registered(bob, "bob-phone");
        assertThat(devices.required(bob, "bob-phone")).isFalse();
    }
}
