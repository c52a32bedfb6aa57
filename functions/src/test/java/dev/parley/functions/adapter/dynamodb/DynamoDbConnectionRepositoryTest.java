package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.ConnectionRepository;
import dev.parley.functions.domain.connection.ConnectionRepositoryContract;
import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.testing.ConnectionsTable;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository against a real moto server, through the production client factory. */
class DynamoDbConnectionRepositoryTest extends ConnectionRepositoryContract {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final AwsCallCounter CALLS = new AwsCallCounter();
    private static DynamoDbClient dynamoDb;
    private static String table;
    private static DynamoDbConnectionRepository repository;

    @BeforeAll
    static void createTable() {
        dynamoDb = new AwsClients("us-east-1", CALLS).dynamoDb();
        table = ConnectionsTable.create(dynamoDb);
        repository = new DynamoDbConnectionRepository(dynamoDb, table, Clock.systemUTC());
    }

    @Override
    protected ConnectionRepository repository() {
        return repository;
    }

    @Test
    void the_item_has_the_documented_layout_that_other_functions_and_tools_read() {
        String user = newUser();
        Connection connection = Connection.opened("eRcq1dBfoAMCJfw=", user, "iphone", NOW);

        repository.save(connection);

        Map<String, AttributeValue> item = dynamoDb.getItem(get -> get
                .tableName(table).key(Map.of("userId", AttributeValue.fromS(user)))).item();
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(connection.expiresAt().getEpochSecond()));
        assertThat(item.get("c#eRcq1dBfoAMCJfw=").m()).isEqualTo(Map.of(
                "deviceId", AttributeValue.fromS("iphone"),
                "connectedAt", AttributeValue.fromN(Long.toString(NOW.toEpochMilli())),
                "expiresAt", AttributeValue.fromN(Long.toString(connection.expiresAt().getEpochSecond()))));
    }

    @Test
    void a_410_removes_a_connection_saved_before_the_cutoff_but_not_one_whose_connect_is_still_running() {
        String user = newUser();
        repository.save(Connection.opened("old-connection", user, "phone", NOW));
        repository.save(Connection.opened("just-connecting", user, "laptop", NOW.plusSeconds(40)));

        repository.removeGone(user, "old-connection", NOW.plusSeconds(10));
        repository.removeGone(user, "just-connecting", NOW.plusSeconds(10));
        repository.removeGone(user, "never-there", NOW.plusSeconds(10));

        assertThat(repository.findLive(user, NOW.plusSeconds(41))).extracting(Connection::connectionId)
                .containsExactly("just-connecting");
    }

    @Test
    void connect_and_disconnect_cost_one_write_each() {
        String user = newUser();
        CALLS.reset();

        repository.save(Connection.opened("eRcq1dBfoAMCJfw=", user, "iphone", NOW));
        repository.remove(user, "eRcq1dBfoAMCJfw=");

        assertThat(CALLS.snapshot()).containsExactly(Map.entry("DynamoDb/UpdateItem", 2L));
    }

    @Test
    void fan_out_to_250_users_reads_them_100_at_a_time() {
        List<String> users = IntStream.range(0, 250).mapToObj(i -> newUser()).toList();
        users.stream().limit(3).forEach(user -> repository.save(Connection.opened("AAAAAAAAAAAAAAA=", user, "phone", NOW)));
        CALLS.reset();

        List<Connection> live = repository.findLive(users, NOW);

        assertThat(live).hasSize(3);
        assertThat(CALLS.count("DynamoDb", "BatchGetItem")).isEqualTo(3);
    }

    @Test
    void the_recipients_of_150_users_are_read_in_2_calls_and_expired_connections_are_left_out() {
        List<String> users = IntStream.range(0, 150).mapToObj(i -> newUser()).toList();
        repository.save(Connection.opened("AAAAAAAAAAAAAAA=", users.get(0), "phone", NOW));
        repository.save(Connection.opened("BBBBBBBBBBBBBBB=", users.get(0), "laptop", NOW.minus(Connection.LIFETIME)));
        repository.save(Connection.opened("CCCCCCCCCCCCCCC=", users.get(149), "tablet", NOW));
        LiveConnections live = new DynamoDbConnectionRepository(dynamoDb, table, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
        CALLS.reset();

        List<Recipient> recipients = live.of(users);

        assertThat(recipients).containsExactlyInAnyOrder(
                new Recipient(users.get(0), "AAAAAAAAAAAAAAA=", "phone"),
                new Recipient(users.get(149), "CCCCCCCCCCCCCCC=", "tablet"));
        assertThat(CALLS.snapshot()).containsExactly(Map.entry("DynamoDb/BatchGetItem", 2L));
    }
}
