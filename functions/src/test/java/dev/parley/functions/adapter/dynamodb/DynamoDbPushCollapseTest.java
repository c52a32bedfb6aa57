package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.push.PushCollapse;
import dev.parley.functions.domain.push.PushCollapseContract;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The mention push collapse against a real moto server, in the rate limits table, through the production client factory. */
class DynamoDbPushCollapseTest extends PushCollapseContract {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static DynamoDbClient dynamoDb;
    private static String table;
    private static DynamoDbPushCollapse collapse;

    @BeforeAll
    static void createTable() {
        dynamoDb = new AwsClients("us-east-1", new AwsCallCounter()).dynamoDb();
        table = ConversationTables.rateLimits(dynamoDb);
        collapse = new DynamoDbPushCollapse(dynamoDb, table);
    }

    @Override
    protected PushCollapse collapse() {
        return collapse;
    }

    @Test
    void a_claim_is_one_item_that_the_tables_ttl_deletes_once_the_window_is_over() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        Instant until = now.plusSeconds(300);

        collapse.claim("g_00000000000000000000000000000001", "bob", 7, now, until);

        Map<String, AttributeValue> item = dynamoDb.getItem(get -> get.tableName(table)
                .key(Map.of("key", AttributeValue.fromS("mentionPush#g_00000000000000000000000000000001#bob")))).item();
        assertThat(item.get("until").n()).isEqualTo(Long.toString(until.toEpochMilli()));
        assertThat(item.get("seq").n()).isEqualTo("7");
        assertThat(Long.parseLong(item.get("expiresAt").n())).isGreaterThan(until.getEpochSecond());
    }
}
