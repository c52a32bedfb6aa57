package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.viewing.Audience;
import dev.parley.functions.domain.viewing.Watcher;
import dev.parley.functions.testing.ConnectionsTable;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Viewing state inside the connection entries, against a real moto server. */
class DynamoDbViewingStateTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    private static final AwsCallCounter CALLS = new AwsCallCounter();
    private static DynamoDbClient dynamoDb;
    private static String table;
    private static DynamoDbConnectionRepository connections;
    private static DynamoDbViewingState viewing;

    @BeforeAll
    static void createTable() {
        dynamoDb = new AwsClients("us-east-1", CALLS).dynamoDb();
        table = ConnectionsTable.create(dynamoDb);
        connections = new DynamoDbConnectionRepository(dynamoDb, table, Clock.systemUTC());
        viewing = new DynamoDbViewingState(dynamoDb, table, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Recipient connect(String userId, String connectionId) {
        connections.save(Connection.opened(connectionId, userId, "device-" + connectionId, NOW));
        return new Recipient(userId, connectionId, "device-" + connectionId);
    }

    private static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    @Test
    void a_view_is_kept_in_the_socket_entry_read_back_with_the_connections_and_stopped() {
        String user = newUser();
        Recipient phone = connect(user, "phone-conn");
        Recipient laptop = connect(user, "laptop-conn");
        String team = ConversationId.newGroup();

        assertThat(viewing.view(user, phone.connectionId(), team, NOW.plusSeconds(60)).registered()).isTrue();

        Map<String, AttributeValue> entry = dynamoDb.getItem(get -> get.tableName(table)
                .key(Map.of("userId", AttributeValue.fromS(user)))).item().get("c#phone-conn").m();
        assertThat(entry).containsEntry("viewing", AttributeValue.fromS(team))
                .containsEntry("viewingUntil", AttributeValue.fromN(Long.toString(NOW.plusSeconds(60).toEpochMilli())))
                .containsKeys("deviceId", "connectedAt", "expiresAt");
        assertThat(connections.findLive(user, NOW)).as("the connection itself reads as before").hasSize(2);

        Audience audience = Audience.of(team, viewing.of(List.of(user)), NOW);
        assertThat(audience.viewing()).containsExactly(phone);
        assertThat(audience.elsewhere()).extracting(Watcher::socket).containsExactly(laptop);

        viewing.stopViewing(user, phone.connectionId());
        assertThat(Audience.of(team, viewing.of(List.of(user)), NOW).viewing()).isEmpty();
    }

    @Test
    void a_stop_ends_the_view_at_its_time_so_a_round_can_tell_the_socket_it_looked_away_and_a_repeat_moves_nothing() {
        String user = newUser();
        Recipient phone = connect(user, "phone-conn");
        String team = ConversationId.newGroup();
        viewing.view(user, phone.connectionId(), team, NOW.plusSeconds(60));

        assertThat(viewing.stopViewing(user, phone.connectionId())).contains(team);
        Watcher stopped = viewing.of(List.of(user)).getFirst();
        assertThat(stopped).isEqualTo(new Watcher(phone, team, NOW, NOW));
        assertThat(stopped.isViewing(team, NOW)).isFalse();
        assertThat(stopped.viewedSince(team, NOW.minusSeconds(30))).isTrue();

        assertThat(viewing.stopViewing(user, phone.connectionId())).as("already ended").isEmpty();
        assertThat(viewing.of(List.of(user))).containsExactly(stopped);
        assertThat(viewing.view(user, phone.connectionId(), ConversationId.newGroup(), NOW.plusSeconds(60)).before())
                .as("an ended view is not one to forget").isNull();
    }

    @Test
    void a_view_and_a_stop_say_what_the_socket_viewed_before() {
        String user = newUser();
        Recipient phone = connect(user, "phone-conn");
        String team = ConversationId.newGroup();
        String other = ConversationId.newGroup();

        assertThat(viewing.view(user, phone.connectionId(), team, NOW.plusSeconds(60)).before()).isNull();
        assertThat(viewing.view(user, phone.connectionId(), team, NOW.plusSeconds(90)).before()).isEqualTo(team);
        assertThat(viewing.view(user, phone.connectionId(), other, NOW.plusSeconds(60)).before()).isEqualTo(team);
        assertThat(viewing.stopViewing(user, phone.connectionId())).contains(other);
        assertThat(viewing.stopViewing(user, phone.connectionId())).isEmpty();
    }

    @Test
    void a_socket_without_an_entry_stores_nothing() {
        String user = newUser();
        connect(user, "live-conn");

        assertThat(viewing.view(user, "gone-conn", ConversationId.newGroup(), NOW.plusSeconds(60)).registered()).isFalse();
        viewing.stopViewing(user, "gone-conn");
        assertThat(dynamoDb.getItem(get -> get.tableName(table).key(Map.of("userId", AttributeValue.fromS(user))))
                .item()).doesNotContainKey("c#gone-conn");
    }

    @Test
    void an_entry_still_carrying_an_old_activity_mark_reads_as_its_view_and_the_read_writes_nothing() {
        // Before activity rounds stopped claiming each socket, the entry held a#<conversationId> = ms of the last event.
        String user = newUser();
        Recipient phone = connect(user, "phone-conn");
        String team = ConversationId.newGroup();
        viewing.view(user, phone.connectionId(), team, NOW.plusSeconds(60));
        dynamoDb.updateItem(update -> update.tableName(table).key(Map.of("userId", AttributeValue.fromS(user)))
                .updateExpression("SET #c.#a = :at")
                .expressionAttributeNames(Map.of("#c", "c#phone-conn", "#a", "a#" + team))
                .expressionAttributeValues(Map.of(":at", AttributeValue.fromN(Long.toString(NOW.toEpochMilli())))));
        CALLS.reset();

        assertThat(viewing.of(List.of(user))).containsExactly(new Watcher(phone, team, NOW.plusSeconds(60), NOW));
        assertThat(CALLS.snapshot()).containsExactly(Map.entry("DynamoDb/BatchGetItem", 1L));
    }

    @Test
    void a_disconnect_removes_the_state_with_the_entry() {
        String user = newUser();
        Recipient phone = connect(user, "phone-conn");
        viewing.view(user, phone.connectionId(), ConversationId.newGroup(), NOW.plusSeconds(60));

        connections.remove(user, phone.connectionId());

        assertThat(viewing.of(List.of(user))).isEmpty();
        Recipient again = connect(user, "phone-conn-2");
        assertThat(viewing.of(List.of(user))).containsExactly(new Watcher(again, null, null, NOW));
    }

    @Test
    void the_fan_out_read_is_one_batch_get_per_100_users() {
        List<String> users = IntStream.range(0, 150).mapToObj(i -> newUser()).toList();
        users.forEach(user -> connect(user, "c-" + user.substring(5, 13)));
        CALLS.reset();

        assertThat(viewing.of(users)).hasSize(150);
        assertThat(CALLS.snapshot()).containsExactly(Map.entry("DynamoDb/BatchGetItem", 2L));
    }
}
