package dev.parley.functions.adapter.sns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.push.PushEndpoints;
import dev.parley.functions.domain.push.PushJob;
import dev.parley.functions.domain.push.PushPayloads;
import dev.parley.functions.domain.delivery.PushPlatform;
import dev.parley.functions.testing.MotoPushes;
import dev.parley.functions.testing.MotoServer;
import dev.parley.functions.testing.PushApplications;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** SNS mobile push against moto: endpoints as AWS's recommended flow keeps them, and payloads read back. */
class SnsPushEndpointsTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static SnsClient sns;
    private static SnsPushEndpoints endpoints;

    @BeforeAll
    static void platformApplications() {
        sns = new AwsClients("us-east-1", new AwsCallCounter()).sns();
        endpoints = new SnsPushEndpoints(sns, Map.of(
                PushPlatform.APNS, PushApplications.apns(sns, "APNS"),
                PushPlatform.FCM, PushApplications.fcm(sns)));
    }

    private static String token() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static PushJob job() {
        return new PushJob("c-1", 3, "bob", "bob-phone", "bob", 1L, false, "hello", List.of());
    }

    private static Map<String, String> attributes(String arn) {
        return sns.getEndpointAttributes(get -> get.endpointArn(arn)).attributes();
    }

    @Test
    void only_configured_platforms_are_supported() {
        assertThat(endpoints.supports(PushPlatform.APNS)).isTrue();
        assertThat(endpoints.supports(PushPlatform.APNS_SANDBOX)).isFalse();
    }

    @Test
    void a_registered_device_receives_an_apns_push_as_a_json_message_structure() {
        PushEndpoints.Endpoint endpoint = endpoints.register(PushPlatform.APNS, token(), "alice/alice-phone", null);

        PushEndpoints.Delivery delivery = endpoints.publish(endpoint.arn(), PushPayloads.of(job(), PushPlatform.APNS, 2, true));

        assertThat(delivery).isEqualTo(PushEndpoints.Delivery.SENT);
        assertThat(attributes(endpoint.arn())).containsEntry("CustomUserData", "alice/alice-phone");
        List<JsonNode> messages = MotoPushes.messages(MOTO.endpoint(), endpoint.arn());
        assertThat(messages).singleElement().satisfies(message ->
                assertThat(message.get("default").asText()).isEqualTo("New message"));
        JsonNode apns = MotoPushes.payloads(MOTO.endpoint(), endpoint.arn(), "APNS").getFirst();
        assertThat(apns.at("/aps/alert/body").asText()).isEqualTo("hello");
        assertThat(apns.at("/aps/badge").asInt()).isEqualTo(2);
    }

    @Test
    void an_fcm_device_receives_a_gcm_data_message() {
        PushEndpoints.Endpoint endpoint = endpoints.register(PushPlatform.FCM, token(), "alice/pixel", null);

        endpoints.publish(endpoint.arn(), PushPayloads.of(job(), PushPlatform.FCM, 2, true));

        JsonNode gcm = MotoPushes.payloads(MOTO.endpoint(), endpoint.arn(), "GCM").getFirst();
        assertThat(gcm.at("/fcmV1Message/message/data/seq").asText()).isEqualTo("3");
        assertThat(gcm.at("/fcmV1Message/message/android/collapse_key").asText()).isEqualTo("c-1");
    }

    @Test
    void a_token_refresh_keeps_the_endpoint_and_sets_the_new_token() {
        PushEndpoints.Endpoint first = endpoints.register(PushPlatform.APNS, token(), "alice/alice-phone", null);
        String refreshed = token();

        PushEndpoints.Endpoint second = endpoints.register(PushPlatform.APNS, refreshed, "alice/alice-phone", first.arn());

        assertThat(second).isEqualTo(new PushEndpoints.Endpoint(first.arn(), null));
        assertThat(attributes(first.arn())).containsEntry("Token", refreshed);
    }

    @Test
    void a_disabled_endpoint_is_reported_dead_and_registering_again_enables_it() {
        PushEndpoints.Endpoint endpoint = endpoints.register(PushPlatform.APNS, token(), "alice/alice-phone", null);
        sns.setEndpointAttributes(set -> set.endpointArn(endpoint.arn()).attributes(Map.of("Enabled", "false")));

        assertThat(endpoints.publish(endpoint.arn(), PushPayloads.of(job(), PushPlatform.APNS, 1, true)))
                .isEqualTo(PushEndpoints.Delivery.ENDPOINT_DEAD);
        endpoints.register(PushPlatform.APNS, attributes(endpoint.arn()).get("Token"), "alice/alice-phone", endpoint.arn());

        assertThat(endpoints.publish(endpoint.arn(), PushPayloads.of(job(), PushPlatform.APNS, 1, true)))
                .isEqualTo(PushEndpoints.Delivery.SENT);
        assertThat(MotoPushes.messages(MOTO.endpoint(), endpoint.arn())).hasSize(1);
    }

    @Test
    void a_deleted_endpoint_is_reported_dead_and_registering_again_creates_a_new_one() {
        String token = token();
        PushEndpoints.Endpoint endpoint = endpoints.register(PushPlatform.APNS, token, "alice/alice-phone", null);
        endpoints.delete(endpoint.arn());

        assertThat(endpoints.publish(endpoint.arn(), PushPayloads.of(job(), PushPlatform.APNS, 1, true)))
                .isEqualTo(PushEndpoints.Delivery.ENDPOINT_DEAD);
        PushEndpoints.Endpoint again = endpoints.register(PushPlatform.APNS, token, "alice/alice-phone", endpoint.arn());

        assertThat(again.arn()).isNotEqualTo(endpoint.arn());
        assertThat(endpoints.publish(again.arn(), PushPayloads.of(job(), PushPlatform.APNS, 1, true)))
                .isEqualTo(PushEndpoints.Delivery.SENT);
    }

    @Test
    void the_same_token_registered_by_another_device_moves_the_endpoint_and_names_the_previous_owner() {
        String token = token();
        PushEndpoints.Endpoint alice = endpoints.register(PushPlatform.APNS, token, "alice/alice-phone", null);

        PushEndpoints.Endpoint bob = endpoints.register(PushPlatform.APNS, token, "bob/bob-phone", null);

        assertThat(bob).isEqualTo(new PushEndpoints.Endpoint(alice.arn(), "alice/alice-phone"));
        assertThat(attributes(alice.arn())).containsEntry("CustomUserData", "bob/bob-phone");
    }
}
