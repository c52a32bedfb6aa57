package dev.parley.functions.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.testing.CapturedLogs;
import dev.parley.functions.testing.NoNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * SnapStart priming runs each handler's real path with a synthetic event, every AWS call answered
 * in-process: every function of the functions jar is invoked once, nothing connects anywhere (not
 * even the SDK's own HTTP warm-up), and no AWS call is counted.
 */
class PrimingTest {
    @RegisterExtension
    final NoNetwork network = new NoNetwork();

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    /** Every variable any function reads: each handler takes its own part. */
    private static final Map<String, String> ENVIRONMENT = environment();

    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(Map.of("AWS_REGION", "eu-west-1",
                "CONNECTIONS_TABLE", "Parley-Connections-1X2Y", "USERS_TABLE", "Parley-Users-1X2Y",
                "DEVICES_TABLE", "Parley-Devices-1X2Y", "MESSAGES_TABLE", "Parley-Messages-1X2Y",
                "MEMBERSHIPS_TABLE", "Parley-Memberships-1X2Y", "RATE_LIMITS_TABLE", "Parley-RateLimits-1X2Y",
                "MEDIA_TABLE", "Parley-Media-1X2Y", "MEDIA_BUCKET", "parley-media-1x2y"));
        environment.put("VIEWERS_TABLE", "Parley-Viewers-1X2Y");
        environment.putAll(Map.of("USER_POOL_ID", "eu-west-1_AbC123", "APP_CLIENT_IDS", "client1",
                "APIGW_MANAGEMENT_ENDPOINT", "https://abcdef123.execute-api.eu-west-1.amazonaws.com/prod",
                "PRESENCE_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/Parley-Presence",
                "PUSH_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/Parley-Push"));
        return Map.copyOf(environment);
    }

    private static final List<Function<Map<String, String>, PrimedHandler<?, ?>>> HANDLERS = List.of(
            AuthorizerHandler::new, ConnectHandler::new, DisconnectHandler::new, DefaultHandler::new, PingHandler::new,
            SendMessageHandler::new, ConversationsHandler::new, ActivityHandler::new, SyncHandler::new,
            PresenceHandler::new, PresenceWorkerHandler::new, PushHandler::new, PushWorkerHandler::new,
            DevicesHandler::new, MediaHandler::new, UserPoolTriggerHandler::new);

    @Test
    void priming_invokes_every_handler_once_with_no_network_and_no_counted_aws_call() {
        Map<String, Long> before = AwsCallCounter.process().snapshot();

        List<PrimedHandler<?, ?>> primed = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> HANDLERS.stream().<PrimedHandler<?, ?>>map(create -> {
            PrimedHandler<?, ?> handler = create.apply(ENVIRONMENT);
            handler.beforeCheckpoint(null);
            return handler;
        }).toList());

        assertThat(primed).allSatisfy(handler ->
                assertThat(handler.primingInvocations()).as(handler.getClass().getSimpleName()).isEqualTo(1));
        assertThat(network.attempts()).as("connections opened while priming").isEmpty();
        assertThat(AwsCallCounter.process().snapshot()).as("AWS calls counted while priming").isEqualTo(before);
        // A snapshot is taken at every publish: priming must not look like an incident in the logs.
        assertThat(logs.lines()).filteredOn(line -> line.path("level").asText().equals("ERROR"))
                .extracting(line -> line.path("logger").asText() + ": " + line.path("message").asText() + " "
                        + line.path("errorMessage").asText())
                .isEmpty();
    }

    @Test
    void priming_writes_no_metric_though_the_paths_that_record_one_run() {
        HANDLERS.forEach(create -> create.apply(ENVIRONMENT).beforeCheckpoint(null));

        // A snapshot is taken at every publish: CloudWatch must not count a synthetic sync page or send.
        assertThat(logs.lines()).as("EMF lines written while priming").filteredOn(line -> line.has("_aws")).isEmpty();
        assertThat(logs.lines()).extracting(line -> line.path("message").asText()).contains("synced");
    }

    @Test
    void the_connect_path_runs_to_its_end_on_the_offline_answers() {
        new ConnectHandler(ENVIRONMENT).beforeCheckpoint(null);

        assertThat(logs.lines()).extracting(line -> line.path("message").asText()).contains("connection registered");
        JsonNode registered = logs.lines().stream().filter(line -> line.path("message").asText().equals("connection registered"))
                .findFirst().orElseThrow();
        assertThat(registered.path("userId").asText()).isEqualTo(PrimingEvents.USER_ID);
        assertThat(network.attempts()).isEmpty();
    }
}
