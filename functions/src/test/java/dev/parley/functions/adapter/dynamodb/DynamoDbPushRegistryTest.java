package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.delivery.PushPlatform;
import dev.parley.functions.domain.push.PushRegistration;
import dev.parley.functions.domain.delivery.PushTarget;
import dev.parley.functions.domain.user.UserSettings;
import dev.parley.functions.testing.ConnectionsTable;
import dev.parley.functions.testing.DevicesTable;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The push attributes of device rows, and the settings item beside them, against moto. */
class DynamoDbPushRegistryTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");
    private static DynamoDbClient dynamoDb;
    private static String table;
    private static DynamoDbPushRegistry registry;
    private static DynamoDbDeviceRegistry devices;
    private static DynamoDbUserSettings settings;
    private static AwsCallCounter calls;
    private static DynamoDbConnectionRepository connections;

    @BeforeAll
    static void createTable() {
        calls = new AwsCallCounter();
        dynamoDb = new AwsClients("us-east-1", calls).dynamoDb();
        table = DevicesTable.create(dynamoDb);
        connections = new DynamoDbConnectionRepository(dynamoDb, ConnectionsTable.create(dynamoDb), Optional.of(table),
                Clock.systemUTC());
        registry = new DynamoDbPushRegistry(dynamoDb, table);
        devices = new DynamoDbDeviceRegistry(dynamoDb, table);
        settings = new DynamoDbUserSettings(dynamoDb, table);
    }

    private static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    private static PushRegistration registration(String userId, String deviceId, String arn) {
        return new PushRegistration(userId, deviceId, PushPlatform.APNS, "token-" + deviceId, arn, true, T0);
    }

    @Test
    void a_registration_is_stored_on_the_device_row_with_the_documented_attributes() {
        String user = newUser();
        devices.seen(user, "iphone", "ios", T0);

        registry.save(registration(user, "iphone", "arn:1"));

        Map<String, AttributeValue> item = dynamoDb.getItem(get -> get.tableName(table).key(Map.of(
                "userId", AttributeValue.fromS(user), "deviceId", AttributeValue.fromS("iphone")))).item();
        assertThat(item).containsEntry("pushPlatform", AttributeValue.fromS("APNS"))
                .containsEntry("pushToken", AttributeValue.fromS("token-iphone"))
                .containsEntry("pushEndpointArn", AttributeValue.fromS("arn:1"))
                .containsEntry("pushStatus", AttributeValue.fromS("active"))
                .containsEntry("pushUpdatedAt", AttributeValue.fromN(Long.toString(T0.toEpochMilli())))
                .containsEntry("platform", AttributeValue.fromS("ios"));
        assertThat(registry.find(user, "iphone")).contains(registration(user, "iphone", "arn:1"));
    }

    @Test
    void pushes_go_to_active_registrations_of_devices_that_are_not_revoked() {
        String user = newUser();
        for (String device : List.of("phone", "tablet", "laptop")) {
            devices.seen(user, device, "ios", T0);
            registry.save(registration(user, device, "arn:" + device));
        }
        devices.revoke(user, "tablet", T0.plusSeconds(1));
        registry.markInvalid(user, "laptop", "arn:laptop", T0.plusSeconds(2));

        assertThat(registry.active(user)).extracting(PushRegistration::deviceId).containsExactly("phone");
        assertThat(registry.all(user)).hasSize(3);
        assertThat(devices.required(user, "laptop")).isTrue();
        assertThat(devices.required(user, "phone")).isFalse();
        assertThat(devices.required(user, "never-registered")).isFalse();
    }

    @Test
    void removing_and_invalidating_only_touch_the_endpoint_the_caller_saw() {
        String user = newUser();
        devices.seen(user, "phone", "ios", T0);
        registry.save(registration(user, "phone", "arn:new"));

        assertThat(registry.markInvalid(user, "phone", "arn:old", T0)).isFalse();
        assertThat(registry.removeIfEndpoint(user, "phone", "arn:old")).isFalse();
        assertThat(registry.find(user, "phone").orElseThrow().active()).isTrue();
        assertThat(registry.remove(user, "phone")).contains(registration(user, "phone", "arn:new"));
        assertThat(registry.remove(user, "phone")).isEmpty();
        assertThat(registry.remove(user, "ghost")).isEmpty();
        assertThat(devices.list(user)).extracting(device -> device.deviceId()).containsExactly("phone");
    }

    @Test
    void the_settings_item_defaults_to_preview_on_updates_and_is_not_listed_as_a_device() {
        String user = newUser();
        String other = newUser();
        devices.seen(user, "phone", "ios", T0);

        assertThat(settings.of(user)).isEqualTo(UserSettings.Settings.DEFAULTS);
        assertThat(settings.update(user, null, false)).isEqualTo(new UserSettings.Settings(true, false));
        assertThat(settings.of(List.of(user, other))).isEqualTo(Map.of(
                user, new UserSettings.Settings(true, false), other, UserSettings.Settings.DEFAULTS));
        assertThat(devices.list(user)).extracting(device -> device.deviceId()).containsExactly("phone");
    }

    /** The push summaries of these users, as the send path reads them: with their connections, in one BatchGetItem. */
    private static List<PushTarget> summaries(String... userIds) {
        calls.reset();
        List<PushTarget> registered = connections.withPushTargets(List.of(userIds)).registered();
        assertThat(calls.snapshot()).isEqualTo(Map.of("DynamoDb/BatchGetItem", 1L));
        return registered;
    }

    @Test
    void the_push_summary_lists_the_active_registrations_and_is_read_with_the_connections_in_one_call() {
        String user = newUser();
        String other = newUser();
        devices.seen(user, "iphone", "ios", T0);
        devices.seen(user, "ipad", "ios", T0);
        registry.save(registration(user, "iphone", "arn:phone"));
        registry.save(registration(user, "ipad", "arn:pad"));

        assertThat(summaries(user, other)).containsExactlyInAnyOrder(
                new PushTarget(user, "iphone", PushPlatform.APNS, "arn:phone"),
                new PushTarget(user, "ipad", PushPlatform.APNS, "arn:pad"));
        assertThat(devices.list(user)).extracting(device -> device.deviceId()).containsExactlyInAnyOrder("iphone", "ipad");
    }

    @Test
    void unregistering_invalidating_or_losing_the_token_to_another_device_takes_the_device_off_the_summary() {
        String user = newUser();
        registry.save(registration(user, "iphone", "arn:phone"));
        registry.save(registration(user, "ipad", "arn:pad"));
        registry.save(registration(user, "pixel", "arn:pixel"));

        registry.remove(user, "iphone");
        registry.markInvalid(user, "ipad", "arn:pad", T0);
        registry.removeIfEndpoint(user, "pixel", "arn:pixel");

        assertThat(summaries(user)).isEmpty();
        registry.save(registration(user, "ipad", "arn:pad2"));
        assertThat(summaries(user)).containsExactly(new PushTarget(user, "ipad", PushPlatform.APNS, "arn:pad2"));
    }

    @Test
    void a_stale_invalidation_leaves_a_newer_registration_on_the_summary() {
        String user = newUser();
        registry.save(registration(user, "iphone", "arn:new"));

        assertThat(registry.markInvalid(user, "iphone", "arn:old", T0)).isFalse();
        assertThat(registry.removeIfEndpoint(user, "iphone", "arn:old")).isFalse();

        assertThat(summaries(user)).containsExactly(new PushTarget(user, "iphone", PushPlatform.APNS, "arn:new"));
    }
}
