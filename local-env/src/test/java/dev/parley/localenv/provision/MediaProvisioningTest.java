package dev.parley.localenv.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.localenv.gateway.ApiDefinitionReader;
import dev.parley.localenv.gateway.FunctionDefinition;
import dev.parley.localenv.moto.LocalMoto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The media bucket from a CDK-shaped template: CORS for browser uploads, and uploads/ (only) notifying the media queue. */
class MediaProvisioningTest {
    private static final String BUCKET = "MediaBucket4022EBBF";
    private static final String QUEUE = "MediaQueue2B49B9EC";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LocalMoto MOTO = new LocalMoto();

    private static ProvisionedTemplate fixture;

    @BeforeAll
    static void provision() {
        fixture = ProvisionedTemplate.of("/provision/media.template.json");
    }

    @AfterAll
    static void closeClients() {
        fixture.close();
    }

    @Test
    void the_bucket_gets_a_generated_lower_case_name_and_the_templates_cors_rules() {
        String bucket = fixture.cloud().ids().ref(BUCKET).orElseThrow();

        List<CORSRule> rules = fixture.clients().s3().getBucketCors(r -> r.bucket(bucket)).corsRules();

        assertThat(bucket).isEqualTo("parley-mediabucket4022ebbf");
        assertThat(fixture.cloud().ids().attribute(BUCKET, "Arn")).contains("arn:aws:s3:::" + bucket);
        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule.allowedMethods()).containsExactlyInAnyOrder("POST", "GET");
            assertThat(rule.allowedOrigins()).containsExactly("*");
            assertThat(rule.allowedHeaders()).containsExactly("*");
            assertThat(rule.maxAgeSeconds()).isEqualTo(3000);
        });
    }

    @Test
    void an_object_created_under_uploads_sends_an_s3_event_to_the_media_queue_and_one_under_media_does_not() throws Exception {
        String bucket = fixture.cloud().ids().ref(BUCKET).orElseThrow();
        fixture.clients().s3().putObject(r -> r.bucket(bucket).key("media/c_1/m_verified/display"), RequestBody.fromString("done"));
        fixture.clients().s3().putObject(r -> r.bucket(bucket).key("uploads/c_1/m_new/original"), RequestBody.fromString("bytes"));

        List<JsonNode> records = recordsUntil("uploads/c_1/m_new/original");

        assertThat(records).extracting(MediaProvisioningTest::key).containsExactly("uploads/c_1/m_new/original");
        JsonNode record = records.getFirst();
        assertThat(record.path("eventName").asText()).startsWith("ObjectCreated:");
        assertThat(record.path("s3").path("bucket").path("name").asText()).isEqualTo(bucket);
        assertThat(record.path("s3").path("object").path("size").asLong()).isEqualTo(5);
    }

    @Test
    void variables_that_refer_to_cloudfront_or_the_signing_key_are_left_unset_locally() {
        FunctionDefinition function = ApiDefinitionReader.functionBehind(fixture.template(), fixture.cloud().resolver(),
                JSON.createObjectNode().put("Ref", "MediaFunctionAFF0D50E"), "test");

        assertThat(function.environment()).containsOnlyKeys("MEDIA_BUCKET")
                .containsEntry("MEDIA_BUCKET", fixture.cloud().ids().ref(BUCKET).orElseThrow());
    }

    @Test
    void provisioning_again_keeps_the_bucket_and_its_notifications() {
        ProvisionedCloud again = fixture.provisionAgain();

        assertThat(again.ids().ref(BUCKET)).isEqualTo(fixture.cloud().ids().ref(BUCKET));
        String bucket = again.ids().ref(BUCKET).orElseThrow();
        assertThat(fixture.clients().s3().getBucketNotificationConfiguration(r -> r.bucket(bucket)).queueConfigurations())
                .singleElement().satisfies(queue ->
                        assertThat(queue.queueArn()).isEqualTo(again.ids().attribute(QUEUE, "Arn").orElseThrow()));
    }

    /** Keys arrive URL-encoded, as from S3 (moto encodes the slashes too), with {@code +} for a space. */
    private static String key(JsonNode record) {
        return URLDecoder.decode(record.path("s3").path("object").path("key").asText(), StandardCharsets.UTF_8);
    }

    /** The S3 event records on the media queue (test events skipped) up to the one for {@code key}, deleting them. */
    private static List<JsonNode> recordsUntil(String key) throws Exception {
        String queueUrl = fixture.cloud().ids().ref(QUEUE).orElseThrow();
        List<JsonNode> records = new ArrayList<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Message message : fixture.clients().sqs().receiveMessage(r -> r.queueUrl(queueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                fixture.clients().sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                JsonNode body = JSON.readTree(message.body());
                if ("s3:TestEvent".equals(body.path("Event").asText())) {
                    continue;
                }
                body.path("Records").forEach(records::add);
            }
            if (records.stream().anyMatch(r -> key.equals(key(r)))) {
                return records;
            }
        }
        throw new AssertionError("no S3 event for " + key + " within 10 s; got " + records);
    }
}
