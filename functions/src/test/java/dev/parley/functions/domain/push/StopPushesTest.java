package dev.parley.functions.domain.push;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.functions.domain.device.InMemoryDeviceRegistry;
import dev.parley.functions.domain.device.RecordingConnectionCloser;
import dev.parley.functions.domain.device.RecordingSessionTerminator;
import dev.parley.functions.domain.device.RevokeDevice;
import dev.parley.functions.domain.device.SignOutEverywhere;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import dev.parley.functions.domain.delivery.PushPlatform;

import static org.assertj.core.api.Assertions.assertThat;

/** Revoked devices get no more pushes: their registrations go and their endpoints are deleted. */
class StopPushesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final InMemoryPushRegistry registry = new InMemoryPushRegistry();
    private final FakePushEndpoints endpoints = new FakePushEndpoints(PushPlatform.APNS);
    private final StopPushes stopPushes = new StopPushes(registry, endpoints);

    private String registered(String userId, String deviceId) {
        devices.seen(userId, deviceId, "ios", NOW.minusSeconds(60));
        String arn = endpoints.register(PushPlatform.APNS, "t-" + deviceId, PushRegistration.owner(userId, deviceId), null).arn();
        registry.save(new PushRegistration(userId, deviceId, PushPlatform.APNS, "t-" + deviceId, arn, true, NOW));
        return arn;
    }

    @Test
    void revoking_a_device_deletes_its_endpoint_and_keeps_the_others() {
        String tablet = registered("alice", "tablet");
        registered("alice", "phone");
        RevokeDevice revoke = new RevokeDevice(devices, connections, new RecordingConnectionCloser(), stopPushes, CLOCK);

        revoke.revoke(new Actor("alice", "phone", "conn-phone"), new RevokeDevice.Command("tablet"));

        assertThat(registry.find("alice", "tablet")).isEmpty();
        assertThat(registry.find("alice", "phone")).isPresent();
        assertThat(endpoints.deleted()).containsExactly(tablet);
    }

    @Test
    void signing_out_everywhere_deletes_every_endpoint_of_the_user() {
        String phone = registered("alice", "phone");
        String tablet = registered("alice", "tablet");
        registered("bob", "phone");
        SignOutEverywhere signOut = new SignOutEverywhere(devices, connections, new RecordingConnectionCloser(),
                new RecordingSessionTerminator(), stopPushes, CLOCK);

        signOut.signOut(new Actor("alice", "phone", "conn-phone"), "alice");

        assertThat(endpoints.deleted()).containsExactlyInAnyOrder(phone, tablet);
        assertThat(registry.all("alice")).isEmpty();
        assertThat(registry.all("bob")).hasSize(1);
    }

    @Test
    void a_failing_endpoint_delete_does_not_fail_the_revocation() {
        registered("alice", "tablet");
        StopPushes failing = new StopPushes(registry, new FailingDeletes());
        RevokeDevice revoke = new RevokeDevice(devices, connections, new RecordingConnectionCloser(), failing, CLOCK);

        assertThat(revoke.revoke(new Actor("alice", "phone", "c"), new RevokeDevice.Command("tablet")).deviceId()).isEqualTo("tablet");
        assertThat(registry.find("alice", "tablet")).isEmpty();
    }

    @Test
    void deleting_an_account_keeps_the_registration_of_an_endpoint_sns_failed_to_delete_so_a_second_call_finds_it() {
        String phone = registered("alice", "phone");
        registered("alice", "tablet");
        StopPushes failing = new StopPushes(registry, new FailingDeletes());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.deleteAll("alice")).hasMessageContaining("SNS is down");
        assertThat(registry.all("alice")).hasSize(2);

        stopPushes.deleteAll("alice");
        stopPushes.deleteAll("alice");

        assertThat(registry.all("alice")).isEmpty();
        assertThat(endpoints.deleted()).hasSize(2).contains(phone);
    }

    private static final class FailingDeletes implements PushEndpoints {
        @Override
        public boolean supports(PushPlatform platform) {
            return true;
        }

        @Override
        public Endpoint register(PushPlatform platform, String token, String owner, String knownArn) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String endpointArn) {
            throw new IllegalStateException("SNS is down");
        }

        @Override
        public Delivery publish(String endpointArn, PushNotification notification) {
            throw new UnsupportedOperationException();
        }
    }
}
