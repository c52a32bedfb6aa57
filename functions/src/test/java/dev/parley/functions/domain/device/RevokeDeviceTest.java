package dev.parley.functions.domain.device;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.model.v1.RevokeDeviceReply;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevokeDeviceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Actor ALICE_ON_IPHONE = new Actor("user-1", "iphone", "conn-iphone");
    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final RecordingConnectionCloser closer = new RecordingConnectionCloser();
    private final RevokeDevice revokeDevice = new RevokeDevice(devices, connections, closer, Clock.fixed(NOW, ZoneOffset.UTC));

    private void connected(String userId, String deviceId, String connectionId) {
        devices.seen(userId, deviceId, "ios", NOW.minusSeconds(600));
        connections.save(Connection.opened(connectionId, userId, deviceId, NOW.minusSeconds(600)));
    }

    @Test
    void revoking_a_device_records_the_revocation_and_closes_only_that_devices_sockets() {
        connected("user-1", "iphone", "conn-iphone");
        connected("user-1", "tablet", "conn-tablet-1");
        connected("user-1", "tablet", "conn-tablet-2");
        connected("user-1", "laptop", "conn-laptop");
        connected("user-2", "tablet", "conn-bob");

        RevokeDeviceReply reply = revokeDevice.revoke(ALICE_ON_IPHONE, new RevokeDevice.Command("tablet"));

        assertThat(reply).isEqualTo(new RevokeDeviceReply("tablet", 2));
        assertThat(closer.closed()).containsExactlyInAnyOrder("conn-tablet-1", "conn-tablet-2");
        assertThat(devices.revocations("user-1", "tablet").deviceRevokedAt()).isEqualTo(NOW);
        assertThat(devices.revocations("user-1", "laptop").deviceRevokedAt()).isNull();
        assertThat(devices.revocations("user-2", "tablet").deviceRevokedAt()).isNull();
        assertThat(connections.findLive("user-1", NOW)).extracting(Connection::connectionId)
                .containsExactlyInAnyOrder("conn-iphone", "conn-laptop");
    }

    @Test
    void a_socket_that_was_already_gone_is_forgotten_but_not_counted_as_closed() {
        connected("user-1", "tablet", "conn-tablet");
        closer.gone("conn-tablet");

        assertThat(revokeDevice.revoke(ALICE_ON_IPHONE, new RevokeDevice.Command("tablet"))).isEqualTo(new RevokeDeviceReply("tablet", 0));
        assertThat(connections.findLive("user-1", NOW)).isEmpty();
    }

    @Test
    void a_device_the_caller_does_not_have_is_not_found_even_if_another_user_has_it() {
        connected("user-2", "tablet", "conn-bob");

        assertThatThrownBy(() -> revokeDevice.revoke(ALICE_ON_IPHONE, new RevokeDevice.Command("tablet")))
                .isInstanceOfSatisfying(FailureException.class,
                        e -> assertThat(e.failure()).isEqualTo(new Failure.DeviceNotFound("tablet")));
        assertThat(closer.closed()).isEmpty();
    }

    @Test
    void the_calling_device_cannot_revoke_itself() {
        connected("user-1", "iphone", "conn-iphone");

        assertThatThrownBy(() -> revokeDevice.revoke(ALICE_ON_IPHONE, new RevokeDevice.Command("iphone")))
                .isInstanceOfSatisfying(FailureException.class,
                        e -> assertThat(e.failure()).isInstanceOf(Failure.BadRequest.class));
        assertThat(devices.revocations("user-1", "iphone").deviceRevokedAt()).isNull();
    }

    @Test
    void a_missing_device_id_is_a_bad_request() {
        assertThatThrownBy(() -> revokeDevice.revoke(ALICE_ON_IPHONE, new RevokeDevice.Command(null)))
                .isInstanceOfSatisfying(FailureException.class,
                        e -> assertThat(e.failure()).isInstanceOf(Failure.BadRequest.class));
    }
}
