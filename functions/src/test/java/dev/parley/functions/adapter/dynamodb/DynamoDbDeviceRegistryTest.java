package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.device.DeviceRecord;
import dev.parley.functions.domain.device.Revocations;
import dev.parley.functions.testing.DevicesTable;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The device registry against a real moto server, through the production client factory. */
class DynamoDbDeviceRegistryTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final AwsCallCounter CALLS = new AwsCallCounter();
    private static DynamoDbClient dynamoDb;
    private static String table;
    private static DynamoDbDeviceRegistry registry;

    @BeforeAll
    static void createTable() {
        dynamoDb = new AwsClients("us-east-1", CALLS).dynamoDb();
        table = DevicesTable.create(dynamoDb);
        registry = new DynamoDbDeviceRegistry(dynamoDb, table);
    }

    private static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    @Test
    void a_device_round_trips_keeping_its_first_sighting_and_moving_its_last() {
        String user = newUser();

        registry.seen(user, "iphone", "ios", T0);
        registry.seen(user, "iphone", "ios", T0.plusSeconds(60));
        registry.seen(user, "laptop", "web", T0.plusSeconds(5));

        assertThat(registry.list(user)).containsExactlyInAnyOrder(
                new DeviceRecord(user, "iphone", "ios", T0, T0.plusSeconds(60), null),
                new DeviceRecord(user, "laptop", "web", T0.plusSeconds(5), T0.plusSeconds(5), null));
    }

    @Test
    void the_device_item_has_the_documented_layout() {
        String user = newUser();

        registry.seen(user, "iphone", "ios", T0);
        registry.revoke(user, "iphone", T0.plusSeconds(1));

        assertThat(dynamoDb.getItem(get -> get.tableName(table).key(Map.of(
                "userId", AttributeValue.fromS(user), "deviceId", AttributeValue.fromS("iphone")))).item())
                .isEqualTo(Map.of(
                        "userId", AttributeValue.fromS(user),
                        "deviceId", AttributeValue.fromS("iphone"),
                        "platform", AttributeValue.fromS("ios"),
                        "firstSeenAt", AttributeValue.fromN(Long.toString(T0.toEpochMilli())),
                        "lastSeenAt", AttributeValue.fromN(Long.toString(T0.toEpochMilli())),
                        "revokedAt", AttributeValue.fromN(Long.toString(T0.plusSeconds(1).toEpochMilli()))));
    }

    @Test
    void revoking_an_unknown_device_changes_nothing_and_says_so() {
        String user = newUser();

        assertThat(registry.revoke(user, "ghost", T0)).isFalse();
        assertThat(registry.list(user)).isEmpty();
        assertThat(registry.revocations(user, "ghost")).isEqualTo(Revocations.NONE);
    }

    @Test
    void the_user_wide_revocation_is_not_listed_as_a_device_and_both_revocations_come_in_one_batch_read() {
        String user = newUser();
        registry.seen(user, "iphone", "ios", T0);
        registry.seen(user, "tablet", "android", T0);
        registry.revoke(user, "tablet", T0.plusSeconds(10));
        registry.revokeAll(user, T0.plusSeconds(20));

        CALLS.reset();
        Revocations tablet = registry.revocations(user, "tablet");
        Revocations iphone = registry.revocations(user, "iphone");

        assertThat(tablet).isEqualTo(new Revocations(T0.plusSeconds(10), T0.plusSeconds(20)));
        assertThat(iphone).isEqualTo(new Revocations(null, T0.plusSeconds(20)));
        assertThat(CALLS.snapshot()).containsOnly(Map.entry("DynamoDb/BatchGetItem", 2L));
        assertThat(registry.list(user)).extracting(DeviceRecord::deviceId).containsExactlyInAnyOrder("iphone", "tablet");
    }

    @Test
    void a_device_never_seen_and_a_user_never_signed_out_have_no_revocations() {
        assertThat(registry.revocations(newUser(), "iphone")).isEqualTo(Revocations.NONE);
    }
}
