package dev.parley.media.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parley.functions.adapter.dynamodb.DynamoDbConnectionRepository;
import dev.parley.functions.adapter.dynamodb.DynamoDbMediaRepository;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.media.Media;
import dev.parley.functions.domain.media.MediaKeys;
import dev.parley.functions.testing.ConnectionsApiServer;
import dev.parley.functions.testing.ConnectionsTable;
import dev.parley.functions.testing.MotoServer;
import dev.parley.functions.testing.SqsEvents;
import dev.parley.media.testing.Metadata;
import dev.parley.media.testing.TestImages;
import dev.parley.model.MediaTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole pipeline on moto: an object put under {@code uploads/} makes S3 notify the queue, the
 * handler gets the queue's messages as Lambda would, and reads and writes the real bucket and tables.
 */
class MediaProcessorAgainstMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String REGION = "us-east-1";
    private static final String CONVERSATION = "c_moto";
    private static final String UPLOADER = "u_bob";

    private static DynamoDbClient dynamoDb;
    private static S3Client s3;
    private static SqsClient sqs;
    private static ConnectionsApiServer connectionsApi;
    private static String bucket;
    private static String queueUrl;
    private static DynamoDbMediaRepository media;
    private static MediaProcessorHandler handler;

    @BeforeAll
    static void createTheBucketTheQueueAndTheTables() throws IOException {
        dynamoDb = DynamoDbClient.builder().region(Region.of(REGION)).build();
        s3 = S3Client.builder().region(Region.of(REGION)).forcePathStyle(true).build();
        sqs = SqsClient.builder().region(Region.of(REGION)).build();
        connectionsApi = new ConnectionsApiServer();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        bucket = "media-" + suffix;
        s3.createBucket(create -> create.bucket(bucket));
        queueUrl = sqs.createQueue(create -> create.queueName("media-" + suffix)).queueUrl();
        String queueArn = sqs.getQueueAttributes(get -> get.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        s3.putBucketNotificationConfiguration(put -> put.bucket(bucket).notificationConfiguration(config -> config
                .queueConfigurations(queue -> queue.queueArn(queueArn).events(Event.S3_OBJECT_CREATED)
                        // moto accepts only the lower-case rule names the console and CDK write.
                        .filter(filter -> filter.key(key -> key.filterRules(rule -> rule
                                .name("prefix").value(MediaKeys.UPLOADS_PREFIX)))))));
        String mediaTable = "media-" + suffix;
        dynamoDb.createTable(table -> table.tableName(mediaTable).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("mediaId").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("mediaId").keyType(KeyType.HASH)));
        String connectionsTable = ConnectionsTable.create(dynamoDb);
        new DynamoDbConnectionRepository(dynamoDb, connectionsTable, Clock.systemUTC())
                .save(Connection.opened("conn-bob", UPLOADER, "phone", Instant.now()));
        media = new DynamoDbMediaRepository(dynamoDb, mediaTable);
        handler = new MediaProcessorHandler(Map.of("AWS_REGION", REGION, "MEDIA_BUCKET", bucket, "MEDIA_TABLE", mediaTable,
                "CONNECTIONS_TABLE", connectionsTable, "APIGW_MANAGEMENT_ENDPOINT", connectionsApi.endpoint().toString()));
    }

    @AfterAll
    static void stopTheConnectionsApi() {
        connectionsApi.close();
    }

    @Test
    void givenAPhotoWithGpsUploaded_thenVersionsWithoutGpsAreInTheBucket_theUploadIsGone_andBobIsTold() throws Exception {
        byte[] photo = TestImages.photoWithGps(4000, 3000, 1);
        String key = upload("m_moto_photo", "image/jpeg", photo, null);

        processQueue();

        byte[] display = s3.getObjectAsBytes(get -> get.bucket(bucket).key(version("m_moto_photo", "display"))).asByteArray();
        byte[] thumb = s3.getObjectAsBytes(get -> get.bucket(bucket).key(version("m_moto_photo", "thumb"))).asByteArray();
        assertThat(Metadata.hasGps(display) || Metadata.hasGps(thumb) || Metadata.hasExif(display)).isFalse();
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(display)).getWidth()).isEqualTo(1600);
        assertThatThrownBy(() -> s3.headObject(head -> head.bucket(bucket).key(key))).hasMessageContaining("404");
        Media ready = media.find("m_moto_photo").orElseThrow();
        assertThat(ready.status()).isEqualTo(Media.Status.READY);
        assertThat(ready.versions()).containsExactlyInAnyOrder("display", "thumb");
        assertThat(connectionsApi.postsTo("conn-bob")).anySatisfy(post ->
                assertThat(post.body()).contains("\"mediaReady\"").contains("m_moto_photo"));
    }

    @Test
    void givenAPngDeclaredAsJpeg_thenItIsRefused_theObjectIsGone_andBobIsTold() throws Exception {
        String key = upload("m_moto_png", "image/jpeg", TestImages.transparentPng(64, 64), null);

        processQueue();

        assertThatThrownBy(() -> s3.getObject(get -> get.bucket(bucket).key(key))).isInstanceOf(NoSuchKeyException.class);
        Media failed = media.find("m_moto_png").orElseThrow();
        assertThat(failed.status()).isEqualTo(Media.Status.FAILED);
        assertThat(failed.failureCode()).isEqualTo(MediaTypes.FAILURE_TYPE_MISMATCH);
        assertThat(connectionsApi.postsTo("conn-bob")).anySatisfy(post ->
                assertThat(post.body()).contains("\"mediaFailed\"").contains("m_moto_png"));
    }

    @Test
    void givenEncryptedBytes_thenTheServedOriginalIsByteIdentical() throws Exception {
        byte[] ciphertext = new byte[300_000];
        new Random(11).nextBytes(ciphertext);
        upload("m_moto_secret", MediaTypes.ENCRYPTED_CONTENT_TYPE, ciphertext, true);

        processQueue();

        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key(version("m_moto_secret", "original"))).asByteArray())
                .isEqualTo(ciphertext);
        assertThat(media.find("m_moto_secret").orElseThrow().ready()).isTrue();
    }

    private static String upload(String mediaId, String contentType, byte[] bytes, Boolean encrypted) {
        boolean isEncrypted = Boolean.TRUE.equals(encrypted);
        MediaTypes.Kind kind = isEncrypted ? MediaTypes.Kind.ENCRYPTED : MediaTypes.of(contentType).orElseThrow().kind();
        media.create(Media.pending(mediaId, CONVERSATION, UPLOADER, "phone", contentType, kind, isEncrypted, bytes.length,
                null, Instant.now()));
        String key = MediaKeys.upload(CONVERSATION, mediaId, MediaKeys.PART_ORIGINAL);
        s3.putObject(put -> put.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
        return key;
    }

    /** Hands every message on the queue to the handler, as the event source mapping would, until it is empty. */
    private static void processQueue() {
        for (SQSEvent event = SqsEvents.receive(sqs, queueUrl); !event.getRecords().isEmpty();
             event = SqsEvents.receive(sqs, queueUrl)) {
            SQSBatchResponse response = handler.handleRequest(event, null);
            assertThat(response.getBatchItemFailures()).isEmpty();
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                sqs.deleteMessage(delete -> delete.queueUrl(queueUrl).receiptHandle(message.getReceiptHandle()));
            }
        }
    }

    private static String version(String mediaId, String version) {
        return MediaKeys.version(CONVERSATION, mediaId, version);
    }
}
