package dev.parley.functions;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.config.ConfigurationException;
import dev.parley.functions.handler.ActivityHandler;
import dev.parley.functions.handler.AuthorizerHandler;
import dev.parley.functions.handler.ConnectHandler;
import dev.parley.functions.handler.ConversationsHandler;
import dev.parley.functions.handler.DefaultHandler;
import dev.parley.functions.handler.DevicesHandler;
import dev.parley.functions.handler.DisconnectHandler;
import dev.parley.functions.handler.MediaHandler;
import dev.parley.functions.handler.PingHandler;
import dev.parley.functions.handler.PresenceHandler;
import dev.parley.functions.handler.PresenceWorkerHandler;
import dev.parley.functions.handler.SendMessageHandler;
import dev.parley.functions.handler.SyncHandler;
import dev.parley.functions.testing.NoNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class CompositionRootTest {
    /** Every test here builds handlers; none may open a connection but the SDK's HTTP warm-up when priming. */
    @RegisterExtension
    final NoNetwork network = NoNetwork.exceptTheSdkHttpWarmUp();

    private static final Map<String, String> CONNECTIONS = Map.of("AWS_REGION", "eu-west-1", "CONNECTIONS_TABLE", "Parley-Connections-1X2Y");
    private static final Map<String, String> CONNECT = Map.of("AWS_REGION", "eu-west-1", "CONNECTIONS_TABLE", "Parley-Connections-1X2Y",
            "USERS_TABLE", "Parley-Users-1X2Y", "DEVICES_TABLE", "Parley-Devices-1X2Y");
    private static final Map<String, String> CONVERSATIONS = Map.of("AWS_REGION", "eu-west-1",
            "MESSAGES_TABLE", "Parley-Messages-1X2Y", "MEMBERSHIPS_TABLE", "Parley-Memberships-1X2Y",
            "USERS_TABLE", "Parley-Users-1X2Y", "RATE_LIMITS_TABLE", "Parley-RateLimits-1X2Y",
            "CONNECTIONS_TABLE", "Parley-Connections-1X2Y", "VIEWERS_TABLE", "Parley-Viewers-1X2Y",
            "APIGW_MANAGEMENT_ENDPOINT", "https://abcdef123.execute-api.eu-west-1.amazonaws.com/prod");
    private static final Map<String, String> AUTHORIZER = Map.of(
            "AWS_REGION", "eu-west-1", "USER_POOL_ID", "eu-west-1_AbC123", "APP_CLIENT_IDS", "client1",
            "DEVICES_TABLE", "Parley-Devices-1X2Y");
    private static final Map<String, String> DEVICES = Map.of("AWS_REGION", "eu-west-1",
            "DEVICES_TABLE", "Parley-Devices-1X2Y", "CONNECTIONS_TABLE", "Parley-Connections-1X2Y",
            "USER_POOL_ID", "eu-west-1_AbC123",
            "APIGW_MANAGEMENT_ENDPOINT", "https://abcdef123.execute-api.eu-west-1.amazonaws.com/prod");

    @Test
    void each_handler_starts_from_nothing_but_its_own_environment_and_touches_no_network() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            new ConnectHandler(CONNECT);
            new DisconnectHandler(CONNECTIONS);
            new DefaultHandler(CONNECTIONS);
            new AuthorizerHandler(AUTHORIZER);
            new DevicesHandler(DEVICES);
        });

        assertThat(network.attempts()).as("connections opened while starting, the SDK's warm-up included").isEmpty();
    }

    @Test
    void a_function_missing_its_table_fails_at_cold_start_naming_the_variable() {
        assertThatThrownBy(() -> new ConnectHandler(Map.of("AWS_REGION", "eu-west-1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("CONNECTIONS_TABLE");
    }

    @Test
    void priming_before_a_snapshot_needs_no_network_and_makes_no_aws_call() {
        ConnectHandler connect = new ConnectHandler(CONNECT);
        AuthorizerHandler authorizer = new AuthorizerHandler(AUTHORIZER);
        Map<String, Long> before = AwsCallCounter.process().snapshot();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            connect.beforeCheckpoint(null);
            authorizer.beforeCheckpoint(null);
        });

        assertThat(AwsCallCounter.process().snapshot()).isEqualTo(before);
        assertThat(network.forbiddenAttempts()).as("connections opened while starting and priming").isEmpty();
    }

    @Test
    void the_send_path_starts_and_primes_from_its_own_environment_without_any_aws_call() {
        Map<String, String> sendMessage = Map.of("AWS_REGION", "eu-west-1", "MESSAGES_TABLE", "Parley-Messages-1X2Y",
                "CONNECTIONS_TABLE", "Parley-Connections-1X2Y",
                "APIGW_MANAGEMENT_ENDPOINT", "https://abcdef123.execute-api.eu-west-1.amazonaws.com/prod");
        Map<String, Long> before = AwsCallCounter.process().snapshot();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            new SendMessageHandler(sendMessage).beforeCheckpoint(null);
            new PingHandler(Map.of()).beforeCheckpoint(null);
        });

        assertThat(AwsCallCounter.process().snapshot()).isEqualTo(before);
    }

    @Test
    void the_media_function_and_a_send_path_with_media_start_and_prime_without_any_aws_call() {
        Map<String, String> media = new HashMap<>(Map.of("AWS_REGION", "eu-west-1", "MESSAGES_TABLE", "Parley-Messages-1X2Y",
                "MEDIA_TABLE", "Parley-Media-1X2Y", "MEDIA_BUCKET", "parley-media-1x2y", "RATE_LIMITS_TABLE", "Parley-RateLimits-1X2Y"));
        media.putAll(Map.of("MEDIA_CDN_DOMAIN", "d111111abcdef8.cloudfront.net", "MEDIA_CDN_KEY_PAIR_ID", "K2JCJMDEHXQW5F",
                "MEDIA_CDN_PRIVATE_KEY_SECRET", "parley/media-cdn-key"));
        Map<String, String> sendMessage = Map.of("AWS_REGION", "eu-west-1", "MESSAGES_TABLE", "Parley-Messages-1X2Y",
                "CONNECTIONS_TABLE", "Parley-Connections-1X2Y", "MEDIA_TABLE", "Parley-Media-1X2Y",
                "APIGW_MANAGEMENT_ENDPOINT", "https://abcdef123.execute-api.eu-west-1.amazonaws.com/prod");
        Map<String, Long> before = AwsCallCounter.process().snapshot();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            new MediaHandler(media).beforeCheckpoint(null);
            new SendMessageHandler(sendMessage).beforeCheckpoint(null);
        });

        assertThat(AwsCallCounter.process().snapshot()).isEqualTo(before);
    }

    @Test
    void sending_without_the_management_endpoint_fails_at_cold_start_naming_the_variable() {
        assertThatThrownBy(() -> new SendMessageHandler(Map.of("AWS_REGION", "eu-west-1",
                "MESSAGES_TABLE", "Parley-Messages-1X2Y", "CONNECTIONS_TABLE", "Parley-Connections-1X2Y")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("APIGW_MANAGEMENT_ENDPOINT");
    }

    @Test
    void the_sync_activity_presence_and_presence_worker_functions_start_from_the_environment_the_design_gives_them() {
        Map<String, String> sync = Map.of("AWS_REGION", "eu-west-1", "MEMBERSHIPS_TABLE", "Parley-Memberships-1X2Y",
                "MESSAGES_TABLE", "Parley-Messages-1X2Y", "DEVICES_TABLE", "Parley-Devices-1X2Y");
        Map<String, String> activity = Map.of("AWS_REGION", "eu-west-1", "MEMBERSHIPS_TABLE", "Parley-Memberships-1X2Y",
                "MESSAGES_TABLE", "Parley-Messages-1X2Y", "CONNECTIONS_TABLE", "Parley-Connections-1X2Y",
                "RATE_LIMITS_TABLE", "Parley-RateLimits-1X2Y", "VIEWERS_TABLE", "Parley-Viewers-1X2Y",
                "APIGW_MANAGEMENT_ENDPOINT", "https://abcdef123.execute-api.eu-west-1.amazonaws.com/prod");
        Map<String, String> presence = new java.util.HashMap<>(sync);
        presence.put("CONNECTIONS_TABLE", "Parley-Connections-1X2Y");
        Map<String, String> worker = new java.util.HashMap<>(presence);
        worker.put("APIGW_MANAGEMENT_ENDPOINT", "https://abcdef123.execute-api.eu-west-1.amazonaws.com/prod");
        Map<String, Long> before = AwsCallCounter.process().snapshot();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            new SyncHandler(sync).beforeCheckpoint(null);
            new ActivityHandler(activity).beforeCheckpoint(null);
            new PresenceHandler(presence).beforeCheckpoint(null);
            new PresenceWorkerHandler(worker).beforeCheckpoint(null);
        });

        assertThat(AwsCallCounter.process().snapshot()).isEqualTo(before);
    }

    @Test
    void the_conversations_function_starts_and_primes_from_its_own_environment_without_any_aws_call() {
        Map<String, Long> before = AwsCallCounter.process().snapshot();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> new ConversationsHandler(CONVERSATIONS).beforeCheckpoint(null));

        assertThat(AwsCallCounter.process().snapshot()).isEqualTo(before);
    }

    @Test
    void connect_and_the_conversations_function_need_the_users_table_and_say_so_at_cold_start() {
        Map<String, String> withoutUsers = new HashMap<>(CONVERSATIONS);
        withoutUsers.remove("USERS_TABLE");

        assertThatThrownBy(() -> new ConversationsHandler(withoutUsers))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("USERS_TABLE");
        assertThatThrownBy(() -> new ConnectHandler(CONNECTIONS))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("USERS_TABLE");
    }

    @Test
    void the_authorizer_connect_and_the_devices_function_need_the_devices_table_and_say_so_at_cold_start() {
        assertThatThrownBy(() -> new AuthorizerHandler(without(AUTHORIZER, "DEVICES_TABLE")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("DEVICES_TABLE");
        assertThatThrownBy(() -> new ConnectHandler(without(CONNECT, "DEVICES_TABLE")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("DEVICES_TABLE");
        assertThatThrownBy(() -> new DevicesHandler(without(DEVICES, "DEVICES_TABLE")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("DEVICES_TABLE");
    }

    private static Map<String, String> without(Map<String, String> environment, String variable) {
        Map<String, String> less = new HashMap<>(environment);
        less.remove(variable);
        return less;
    }

    @Test
    void the_devices_function_needs_the_user_pool_for_signing_out_everywhere() {
        assertThatThrownBy(() -> new DevicesHandler(without(DEVICES, "USER_POOL_ID")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("USER_POOL_ID");
    }

    @Test
    void the_devices_function_primes_without_any_aws_call() {
        DevicesHandler devices = new DevicesHandler(DEVICES);
        Map<String, Long> before = AwsCallCounter.process().snapshot();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> devices.beforeCheckpoint(null));

        assertThat(AwsCallCounter.process().snapshot()).isEqualTo(before);
    }
}
