package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.adapter.dynamodb.DynamoDbConnectionRepository;
import dev.parley.functions.adapter.dynamodb.DynamoDbMediaRepository;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.media.MediaRepository.MediaFacts;
import dev.parley.functions.testing.AwsCalls;
import dev.parley.functions.testing.ConnectionsApiServer;
import dev.parley.functions.testing.ConnectionsTable;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.FormPost;
import dev.parley.functions.testing.LambdaJson;
import dev.parley.functions.testing.MediaTable;
import dev.parley.functions.testing.MessagesTable;
import dev.parley.functions.testing.MotoServer;
import dev.parley.model.Frame;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.UploadForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The media actions and a send with media as local-env builds them (environment-map constructors,
 * the real composition root) against moto's DynamoDB and S3, with processing stood in for by
 * marking the item READY and writing its version, as the media processor does.
 */
class MediaAgainstMotoTest {
    /** The caller of every event built from send-message.json. */
    private static final String ALICE = "5c1b7e4a-2f0d-4b8e-9a57-0e6f3c2d1b90";
    private static final String ALICE_CONNECTION = "eRcq1dBfoAMCJfw=";
    private static final String BUCKET = "media-" + UUID.randomUUID();

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static DynamoDbClient dynamoDb;
    private static S3Client s3;
    private static String messagesTable;
    private static DynamoDbMediaRepository media;
    private static DynamoDbConnectionRepository connections;
    private static ConnectionsApiServer api;
    private static MediaHandler mediaHandler;
    private static SendMessageHandler sendHandler;

    @BeforeAll
    static void tablesBucketAndTheManagementApi() throws IOException {
        AwsClients aws = new AwsClients("us-east-1", new AwsCallCounter());
        dynamoDb = aws.dynamoDb();
        s3 = aws.s3(Optional.of(MOTO.endpoint()));
        s3.createBucket(create -> create.bucket(BUCKET));
        messagesTable = MessagesTable.create(dynamoDb);
        String mediaTable = MediaTable.create(dynamoDb);
        String connectionsTable = ConnectionsTable.create(dynamoDb);
        media = new DynamoDbMediaRepository(dynamoDb, mediaTable);
        connections = new DynamoDbConnectionRepository(dynamoDb, connectionsTable, Clock.systemUTC());
        api = new ConnectionsApiServer();
        Map<String, String> environment = Map.of(
                "AWS_REGION", "us-east-1",
                "MESSAGES_TABLE", messagesTable,
                "MEDIA_TABLE", mediaTable,
                "MEDIA_BUCKET", BUCKET,
                "RATE_LIMITS_TABLE", ConversationTables.rateLimits(dynamoDb),
                "CONNECTIONS_TABLE", connectionsTable,
                "APIGW_MANAGEMENT_ENDPOINT", api.endpoint().toString());
        mediaHandler = new MediaHandler(environment);
        sendHandler = new SendMessageHandler(environment);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static APIGatewayV2WebSocketEvent event(String action, String fields) {
        APIGatewayV2WebSocketEvent event = LambdaJson.event("send-message.json", APIGatewayV2WebSocketEvent.class);
        event.getRequestContext().setRouteKey(action);
        event.setBody("{\"action\":\"" + action + "\",\"requestId\":\"r-1\"" + fields + "}");
        return event;
    }

    private static Frame ask(String action, String fields) {
        return ProtocolCodec.instance().decodeFrame(mediaHandler.handleRequest(event(action, fields), null).getBody());
    }

    private static Frame askAs(String userId, String action, String fields) {
        APIGatewayV2WebSocketEvent event = event(action, fields);
        event.getRequestContext().setAuthorizer(Map.of("principalId", userId, "userId", userId, "deviceId", "pixel",
                "username", "carol"));
        return ProtocolCodec.instance().decodeFrame(mediaHandler.handleRequest(event, null).getBody());
    }

    private static JsonNode payload(Frame frame) {
        assertThat(frame).isInstanceOf(Frame.Reply.class);
        return ((Frame.Reply) frame).payload();
    }

    private static String conversationWithBob(String bob) {
        String conversation = ConversationId.direct(ALICE, bob);
        MessagesTable.putHeader(dynamoDb, messagesTable, conversation, "direct", false, Set.of(ALICE, bob));
        return conversation;
    }

    @Test
    void an_uploaded_photo_once_processed_reaches_bob_with_its_descriptor_and_downloads() throws Exception {
        String bob = "bob-" + UUID.randomUUID();
        String conversation = conversationWithBob(bob);
        connections.save(Connection.opened(ALICE_CONNECTION, ALICE, "iphone-7f3a", Instant.now()));
        connections.save(Connection.opened("bobConnection2=", bob, "pixel", Instant.now()));
        byte[] photo = "not really a jpeg".getBytes(StandardCharsets.UTF_8);

        JsonNode upload = payload(ask("requestUpload", ",\"conversationId\":\"" + conversation
                + "\",\"contentType\":\"image/jpeg\",\"size\":" + photo.length));
        UploadForm form = ProtocolCodec.instance().mapper().treeToValue(upload.get("upload"), UploadForm.class);
        String mediaId = upload.get("mediaId").asText();
        assertThat(FormPost.send(form, photo).statusCode()).isBetween(200, 204);
        s3.putObject(put -> put.bucket(BUCKET).key("media/" + conversation + "/" + mediaId + "/display"), RequestBody.fromBytes(photo));
        media.markReady(mediaId, new MediaFacts(photo.length, 1600, 1200, null, Set.of("display")));
        Frame[] sent = new Frame[1];
        Map<String, Long> calls = AwsCalls.during(() -> sent[0] = ProtocolCodec.instance().decodeFrame(
                sendHandler.handleRequest(event("sendMessage", ",\"conversationId\":\"" + conversation
                        + "\",\"clientMessageId\":\"photo-1\",\"media\":[\"" + mediaId + "\"]"), null).getBody()));
        JsonNode urls = payload(ask("getMediaUrl", ",\"conversationId\":\"" + conversation + "\",\"mediaId\":\"" + mediaId + "\""));
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(urls.get("urls").get("display").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(payload(sent[0]).get("seq").asLong()).isEqualTo(1);
        assertThat(calls).containsEntry("DynamoDb/BatchGetItem", 2L);
        JsonNode event = ProtocolCodec.instance().mapper().readTree(api.postsTo("bobConnection2=").getFirst().body());
        assertThat(event.get("media").get(0).get("mediaId").asText()).isEqualTo(mediaId);
        assertThat(event.get("media").get(0).get("versions").get(0).asText()).isEqualTo("display");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(photo);
    }

    @Test
    void a_non_member_can_neither_upload_nor_get_a_url() {
        String conversation = conversationWithBob("bob-" + UUID.randomUUID());
        JsonNode upload = payload(ask("requestUpload", ",\"conversationId\":\"" + conversation
                + "\",\"contentType\":\"application/pdf\",\"size\":10"));
        String mediaId = upload.get("mediaId").asText();
        media.markReady(mediaId, new MediaFacts(10, 612, 792, 1, Set.of("original", "preview")));

        Frame noUpload = askAs("carol", "requestUpload", ",\"conversationId\":\"" + conversation
                + "\",\"contentType\":\"application/pdf\",\"size\":10");
        Frame noUrl = askAs("carol", "getMediaUrl", ",\"conversationId\":\"" + conversation + "\",\"mediaId\":\"" + mediaId + "\"");

        assertThat(noUpload).isInstanceOfSatisfying(Frame.Error.class, error -> assertThat(error.code().name()).isEqualTo("NOT_FOUND"));
        assertThat(noUrl).isInstanceOfSatisfying(Frame.Error.class, error -> assertThat(error.code().name()).isEqualTo("NOT_FOUND"));
    }
}
