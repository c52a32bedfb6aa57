package dev.parley.functions.adapter.apigateway;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.functions.domain.delivery.DeliveryReport;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.testing.CapturedLogs;
import dev.parley.functions.testing.ConnectionsApiServer;
import dev.parley.functions.testing.ConnectionsApiServer.Answer;
import dev.parley.functions.testing.DummyCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher through the production client against a local HTTP server that answers like
 * {@code @connections}, scripted to fail at chosen moments: a 410 for a dropped socket, a 429 when
 * throttled, 500s. Neither moto nor the emulator can be made to answer those on cue.
 */
class ManagementApiEventPublisherTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String FRAME = "{\"type\":\"message\",\"conversationId\":\"d_1\",\"seq\":7}";
    private static final Recipient ALICE_PHONE = new Recipient("alice", "eRcq1dBfoAMCJfw=", "phone");
    private static final Recipient ALICE_LAPTOP = new Recipient("alice", "fSdr2eCgpBNDKgx=", "laptop");
    private static final Recipient BOB = new Recipient("bob", "gTes3fDhqCOELhy=", "pixel");

    @RegisterExtension
    static final DummyCredentials CREDENTIALS = new DummyCredentials();

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    private final AwsCallCounter calls = new AwsCallCounter();
    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private ConnectionsApiServer api;
    private ManagementApiEventPublisher publisher;

    @BeforeEach
    void threeSocketsOfTwoUsers() throws IOException {
        api = new ConnectionsApiServer();
        publisher = new ManagementApiEventPublisher(new AwsClients("us-east-1", calls).managementApi(api.endpoint()), connections);
        for (Recipient socket : List.of(ALICE_PHONE, ALICE_LAPTOP, BOB)) {
            connections.save(Connection.opened(socket.connectionId(), socket.userId(), socket.deviceId(), NOW));
        }
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void every_socket_gets_the_frame_byte_for_byte_with_one_call_each() {
        DeliveryReport report = publisher.publish(List.of(ALICE_PHONE, ALICE_LAPTOP, BOB), FRAME);

        assertThat(report).isEqualTo(new DeliveryReport(3, 0, 0, Set.of("alice", "bob")));
        assertThat(api.posts()).extracting(ConnectionsApiServer.Post::connectionId)
                .containsExactlyInAnyOrder(ALICE_PHONE.connectionId(), ALICE_LAPTOP.connectionId(), BOB.connectionId());
        assertThat(api.posts()).extracting(ConnectionsApiServer.Post::body).containsOnly(FRAME);
        assertThat(calls.snapshot()).containsExactly(Map.entry("ApiGatewayManagementApi/PostToConnection", 3L));
    }

    @Test
    void a_gone_socket_is_removed_at_once_and_the_others_still_get_the_frame() {
        api.script(ALICE_LAPTOP.connectionId(), Answer.GONE);

        DeliveryReport report = publisher.publish(List.of(ALICE_PHONE, ALICE_LAPTOP, BOB), FRAME);

        assertThat(report).isEqualTo(new DeliveryReport(2, 1, 0, Set.of("alice", "bob")));
        assertThat(connections.findLive(List.of("alice", "bob"), NOW)).extracting(Connection::connectionId)
                .containsExactlyInAnyOrder(ALICE_PHONE.connectionId(), BOB.connectionId());
        assertThat(api.postsTo(ALICE_LAPTOP.connectionId())).as("a 410 is not retried").hasSize(1);
    }

    @Test
    void a_throttled_post_is_retried_after_a_backoff_and_delivered() {
        api.script(BOB.connectionId(), Answer.THROTTLED);

        DeliveryReport report = publisher.publish(List.of(BOB), FRAME);

        assertThat(report).isEqualTo(new DeliveryReport(1, 0, 0, Set.of("bob")));
        assertThat(api.postsTo(BOB.connectionId())).extracting(ConnectionsApiServer.Post::status).containsExactly(429, 200);
        assertThat(calls.count("ApiGatewayManagementApi", "PostToConnection")).as("one call, two attempts").isEqualTo(1);
    }

    @Test
    void a_socket_that_keeps_failing_gets_three_attempts_is_counted_and_logged_and_kept() {
        api.script(BOB.connectionId(), Answer.BROKEN, Answer.THROTTLED, Answer.BROKEN, Answer.BROKEN);

        DeliveryReport report = publisher.publish(List.of(ALICE_PHONE, BOB), FRAME);

        assertThat(report).as("bob was not reached").isEqualTo(new DeliveryReport(1, 0, 1, Set.of("alice")));
        assertThat(api.postsTo(BOB.connectionId())).extracting(ConnectionsApiServer.Post::status).containsExactly(500, 429, 500);
        assertThat(connections.findLive(List.of("bob"), NOW)).hasSize(1);
        assertThat(logs.lines()).singleElement().satisfies(line -> {
            assertThat(line.get("level").asText()).isEqualTo("WARN");
            assertThat(line.get("message").asText()).isEqualTo("event not delivered");
            assertThat(line.get("connectionId").asText()).isEqualTo(BOB.connectionId());
        });
    }
}
