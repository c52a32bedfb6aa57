package dev.parley.localenv.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.localenv.moto.LocalMoto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.model.PlatformApplication;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Queues and SNS platform applications from a CDK-shaped template, and the test route that reads pushes back. */
class MessagingProvisioningTest {
    private static final String WORK_QUEUE = "WorkQueueA1B2C3D4";
    private static final String DLQ = "WorkDlqE5F6A7B8";
    private static final String APNS_APP = "PushAppApns5E6F7A8B";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LocalMoto MOTO = new LocalMoto();

    private static ProvisionedTemplate fixture;

    @BeforeAll
    static void provision() {
        fixture = ProvisionedTemplate.of("/events/sqs.template.json");
    }

    @AfterAll
    static void closeClients() {
        fixture.close();
    }

    @Test
    void a_queue_gets_the_templates_attributes_and_a_redrive_policy_naming_its_dead_letter_queue() throws Exception {
        String url = fixture.cloud().ids().ref(WORK_QUEUE).orElseThrow();

        Map<QueueAttributeName, String> attributes = attributes(url);
        JsonNode redrive = JSON.readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));

        assertThat(url).endsWith("/parley-" + WORK_QUEUE);
        assertThat(fixture.cloud().ids().attribute(WORK_QUEUE, "Arn")).contains(attributes.get(QueueAttributeName.QUEUE_ARN));
        assertThat(attributes).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "2");
        assertThat(redrive.path("deadLetterTargetArn").asText()).isEqualTo(fixture.cloud().ids().attribute(DLQ, "Arn").orElseThrow());
        assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(2);
        assertThat(attributes(fixture.cloud().ids().ref(DLQ).orElseThrow())).containsEntry(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600");
        assertThat(attributes(fixture.cloud().ids().ref("RawQueue0C1D2E3F").orElseThrow())).containsEntry(QueueAttributeName.DELAY_SECONDS, "1");
    }

    @Test
    void platform_applications_come_from_the_custom_resources_and_their_arns_reach_function_environments() {
        JsonNode variables = fixture.template().resource("WorkerFunction11223344").orElseThrow().properties().path("Environment").path("Variables");

        Map<String, PlatformApplication> apps = fixture.clients().sns().listPlatformApplications().platformApplications().stream()
                .collect(java.util.stream.Collectors.toMap(PlatformApplication::platformApplicationArn, a -> a));
        String apns = fixture.cloud().resolver().resolve(variables.get("PUSH_APP_ARN_APNS"));
        String fcm = fixture.cloud().resolver().resolve(variables.get("PUSH_APP_ARN_FCM"));

        assertThat(apps).containsOnlyKeys(apns, fcm);
        assertThat(apns).isEqualTo("arn:aws:sns:us-east-1:" + fixture.cloud().accountId() + ":app/APNS/parley-apns-us-east-1");
        assertThat(fcm).endsWith(":app/GCM/parley-fcm");
        assertThat(fixture.cloud().ids().ref(APNS_APP)).contains(apns);
        assertThat(fixture.clients().sns().getPlatformApplicationAttributes(r -> r.platformApplicationArn(apns)).attributes())
                .containsEntry("PlatformCredential", PlatformApplicationProvisioner.CREDENTIAL_PLACEHOLDER)
                .containsEntry("ApplePlatformBundleID", PlatformApplicationProvisioner.CREDENTIAL_PLACEHOLDER);
        assertThat(fixture.cloud().ids().ref("SomeOtherCallAA11BB22")).as("other custom resource types are not provisioned").isEmpty();
    }

    @Test
    void pushes_published_to_a_platform_endpoint_are_read_back_through_the_test_route_and_can_be_forgotten() throws Exception {
        String app = fixture.cloud().ids().attribute(APNS_APP, "PlatformApplicationArn").orElseThrow();
        String endpoint = fixture.clients().sns().createPlatformEndpoint(r -> r.platformApplicationArn(app).token("device-token-1")
                .customUserData("alice/phone")).endpointArn();
        String payload = "{\"default\":\"New message\",\"APNS\":\"{\\\"aps\\\":{\\\"alert\\\":{\\\"title\\\":\\\"bob\\\"}}}\"}";
        fixture.clients().sns().publish(r -> r.targetArn(endpoint).messageStructure("json").message(payload));

        JsonNode pushes = pushes("GET").path(endpoint);

        assertThat(pushes.path("token").asText()).isEqualTo("device-token-1");
        assertThat(pushes.path("customUserData").asText()).isEqualTo("alice/phone");
        assertThat(pushes.path("application").asText()).isEqualTo(app);
        assertThat(pushes.path("enabled").asBoolean()).isTrue();
        assertThat(pushes.path("messages")).hasSize(1);
        assertThat(pushes.path("messages").get(0).path("message").asText()).isEqualTo(payload);
        assertThat(pushes("DELETE").path(endpoint).path("messages")).isEmpty();
        assertThat(pushes("GET").path(endpoint).path("messages")).isEmpty();
    }

    @Test
    void provisioning_again_reuses_the_queues_and_applications() {
        ProvisionedCloud again = fixture.provisionAgain();

        assertThat(again.ids().ref(WORK_QUEUE)).isEqualTo(fixture.cloud().ids().ref(WORK_QUEUE));
        assertThat(again.ids().ref(APNS_APP)).isEqualTo(fixture.cloud().ids().ref(APNS_APP));
        assertThat(fixture.clients().sqs().listQueues().queueUrls()).hasSize(3);
        assertThat(fixture.clients().sns().listPlatformApplications().platformApplications()).hasSize(2);
    }

    private static Map<QueueAttributeName, String> attributes(String url) {
        return fixture.clients().sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
    }

    private static JsonNode pushes(String method) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(MOTO.endpoint() + "/_parley/pushes"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return JSON.readTree(response.body());
        }
    }
}
