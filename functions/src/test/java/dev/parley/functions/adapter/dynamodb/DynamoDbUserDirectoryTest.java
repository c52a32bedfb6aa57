package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.user.UserDirectory;
import dev.parley.functions.domain.user.UserDirectoryContract;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The directory against a real moto server, through the production client factory. */
class DynamoDbUserDirectoryTest extends UserDirectoryContract {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final AwsCallCounter CALLS = new AwsCallCounter();
    private static DynamoDbClient dynamoDb;
    private static String table;
    private static DynamoDbUserDirectory directory;

    @BeforeAll
    static void createTable() {
        dynamoDb = new AwsClients("us-east-1", CALLS).dynamoDb();
        table = ConversationTables.users(dynamoDb);
        directory = new DynamoDbUserDirectory(dynamoDb, table);
    }

    @Override
    protected UserDirectory directory() {
        return directory;
    }

    @Test
    void the_item_has_the_documented_layout() {
        String alice = newUsername("alice");

        directory.register(alice, "sub-alice");

        assertThat(dynamoDb.getItem(get -> get.tableName(table).key(Map.of("username", AttributeValue.fromS(alice)))).item())
                .isEqualTo(Map.of(
                        "username", AttributeValue.fromS(alice),
                        "userId", AttributeValue.fromS("sub-alice"),
                        "displayName", AttributeValue.fromS(alice)));
    }

    @Test
    void a_connect_costs_two_writes_the_name_and_the_by_id_item_and_a_full_lookup_of_25_names_one_read_call() {
        List<String> names = IntStream.range(0, 25).mapToObj(i -> newUsername("user" + i)).toList();
        CALLS.reset();

        directory.register(names.getFirst(), "sub-0");
        directory.find(names);

        assertThat(CALLS.snapshot()).containsOnly(Map.entry("DynamoDb/UpdateItem", 2L), Map.entry("DynamoDb/BatchGetItem", 1L));
    }
}
