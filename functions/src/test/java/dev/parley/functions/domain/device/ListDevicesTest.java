package dev.parley.functions.domain.device;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.model.v1.DeviceInfo;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ListDevicesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final ListDevices listDevices = new ListDevices(devices, connections, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void the_callers_devices_come_newest_first_with_platform_times_and_which_is_current_connected_or_revoked() {
        devices.seen("user-1", "laptop", "web", NOW.minusSeconds(3000));
        devices.seen("user-1", "iphone", "ios", NOW.minusSeconds(100));
        devices.seen("user-1", "tablet", "android", NOW.minusSeconds(2000));
        devices.revoke("user-1", "tablet", NOW.minusSeconds(1000));
        devices.seen("user-2", "other", "ios", NOW);
        connections.save(Connection.opened("conn-iphone", "user-1", "iphone", NOW.minusSeconds(100)));
        connections.save(Connection.opened("conn-laptop", "user-1", "laptop", NOW.minusSeconds(50)));

        var reply = listDevices.list(new Actor("user-1", "iphone", "conn-iphone"));

        assertThat(reply.devices()).containsExactly(
                new DeviceInfo("iphone", "ios", NOW.minusSeconds(100).toEpochMilli(), NOW.minusSeconds(100).toEpochMilli(), true, true, false),
                new DeviceInfo("tablet", "android", NOW.minusSeconds(2000).toEpochMilli(), NOW.minusSeconds(2000).toEpochMilli(), false, false, true),
                new DeviceInfo("laptop", "web", NOW.minusSeconds(3000).toEpochMilli(), NOW.minusSeconds(3000).toEpochMilli(), true, false, false));
    }

    @Test
    void a_revoked_device_that_signed_in_and_connected_again_is_no_longer_revoked() {
        devices.seen("user-1", "tablet", "android", NOW.minusSeconds(2000));
        devices.revoke("user-1", "tablet", NOW.minusSeconds(1000));
        devices.seen("user-1", "tablet", "android", NOW.minusSeconds(10));

        var reply = listDevices.list(new Actor("user-1", "iphone", "conn-iphone"));

        assertThat(reply.devices()).singleElement().satisfies(device -> assertThat(device.revoked()).isFalse());
    }

    @Test
    void a_user_without_devices_gets_an_empty_list() {
        assertThat(listDevices.list(new Actor("user-9", "iphone", "c")).devices()).isEmpty();
    }
}
