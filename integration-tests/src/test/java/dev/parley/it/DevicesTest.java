package dev.parley.it;

import dev.parley.it.TestUsers.TestUser;
import dev.parley.model.ErrorCode;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.DeviceInfo;
import dev.parley.model.v1.ListDevicesReply;
import dev.parley.model.v1.ListDevicesRequest;
import dev.parley.model.v1.RevokeDeviceReply;
import dev.parley.model.v1.RevokeDeviceRequest;
import dev.parley.model.v1.SignOutEverywhereReply;
import dev.parley.model.v1.SignOutEverywhereRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A user's devices under their control (docs/protocol.md, "Devices"): listDevices, revokeDevice and
 * signOutEverywhere over real sockets, and the authorizer refusing (403) a revoked device's token
 * until the user signs in again.
 *
 * <p>Revocation compares the revocation time with the token's {@code auth_time}, which Cognito (and
 * moto) keep in whole seconds: a test waits {@link #NEXT_SECOND} before it signs in again, so the new
 * token is issued after the revocation. signOutEverywhere revokes ALL of a user's tokens, so it runs
 * with the TOTP user (locally dave), whom no other test signs in.
 */
class DevicesTest {
    private static final Duration NEXT_SECOND = Duration.ofMillis(1_500);

    @Test
    void listDevices_shows_each_device_with_its_platform_whether_it_is_connected_and_which_one_is_asking() {
        TestUser carol = TestUsers.user(2);
        String phoneId = Device.uniqueId("phone");
        String laptopId = Device.uniqueId("laptop");
        String tabletId = Device.uniqueId("tablet");
        Device.connect(carol, tabletId, "android").close();
        try (Device phone = Device.connect(carol, phoneId, "ios");
             Device laptop = Device.connect(carol, laptopId, "web")) {

            List<DeviceInfo> devices = laptop.call(Actions.LIST_DEVICES, new ListDevicesRequest(), ListDevicesReply.class).devices();

            assertThat(devices).filteredOn(d -> d.deviceId().equals(laptopId)).singleElement().satisfies(d -> {
                assertThat(d.platform()).isEqualTo("web");
                assertThat(d.current()).isTrue();
                assertThat(d.connected()).isTrue();
                assertThat(d.revoked()).isFalse();
                assertThat(d.lastSeenAt()).isGreaterThanOrEqualTo(d.firstSeenAt()).isPositive();
            });
            assertThat(devices).filteredOn(d -> d.deviceId().equals(phoneId)).singleElement().satisfies(d -> {
                assertThat(d.platform()).isEqualTo("ios");
                assertThat(d.current()).isFalse();
                assertThat(d.connected()).isTrue();
            });
            assertThat(devices).filteredOn(d -> d.deviceId().equals(tabletId)).singleElement()
                    .satisfies(d -> assertThat(d.platform()).isEqualTo("android"));
            assertThat(tabletConnected(laptop, tabletId)).as("closed before the call ($disconnect may take a moment)").isFalse();
            assertThat(devices).filteredOn(DeviceInfo::current).hasSize(1);
            assertThat(devices).extracting(DeviceInfo::lastSeenAt).isSortedAccordingTo((a, b) -> Long.compare(b, a));
            assertThat(devices).as("only carol's devices").noneMatch(d -> d.deviceId().equals("*"));
            phone.assertAlive();
        }
    }

    /** Whether listDevices says the device is connected, asking again for a few seconds while it does. */
    private static boolean tabletConnected(Device asking, String deviceId) {
        long deadline = System.nanoTime() + Device.WAIT.toNanos();
        while (true) {
            boolean connected = asking.call(Actions.LIST_DEVICES, new ListDevicesRequest(), ListDevicesReply.class).devices().stream()
                    .filter(d -> d.deviceId().equals(deviceId)).anyMatch(DeviceInfo::connected);
            if (!connected || System.nanoTime() > deadline) {
                return connected;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return connected;
            }
        }
    }

    @Test
    void a_device_without_a_known_platform_is_listed_as_unknown() {
        TestUser carol = TestUsers.user(2);
        String fridgeId = Device.uniqueId("fridge");
        try (Device fridge = Device.connect(carol, fridgeId, "smart-fridge")) {
            List<DeviceInfo> devices = fridge.call(Actions.LIST_DEVICES, new ListDevicesRequest(), ListDevicesReply.class).devices();

            assertThat(devices).filteredOn(d -> d.deviceId().equals(fridgeId)).singleElement()
                    .satisfies(d -> assertThat(d.platform()).isEqualTo("unknown"));
        }
    }

    @Test
    void a_revoked_device_is_disconnected_and_refused_with_403_while_the_users_other_device_keeps_working_until_it_signs_in_again()
            throws InterruptedException {
        TestUser carol = TestUsers.user(2);
        String phoneId = Device.uniqueId("lost-phone");
        Device phone = Device.connect(carol, phoneId, "ios");
        try (Device laptop = Device.connect(carol, Device.uniqueId("laptop"), "web")) {

            RevokeDeviceReply reply = laptop.call(Actions.REVOKE_DEVICE, new RevokeDeviceRequest(phoneId), RevokeDeviceReply.class);

            assertThat(reply.deviceId()).isEqualTo(phoneId);
            assertThat(reply.closedConnections()).isEqualTo(1);
            phone.socket().closeCode(Device.WAIT);
            assertThatThrownBy(() -> Device.reconnect(carol, phoneId))
                    .as("the phone's token is still valid, but the device is revoked")
                    .isInstanceOfSatisfying(WsClient.HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(403));
            laptop.assertAlive();
            assertThat(laptop.call(Actions.LIST_DEVICES, new ListDevicesRequest(), ListDevicesReply.class).devices())
                    .filteredOn(d -> d.deviceId().equals(phoneId)).singleElement()
                    .satisfies(d -> assertThat(d.revoked()).isTrue());
            try (Device other = Device.connect(carol)) {
                other.assertAlive();
            }

            Thread.sleep(NEXT_SECOND.toMillis());
            TestUser signedInAgain = new TestUser(carol.username(), TestUsers.target().accessToken(carol.username()), carol.userId());
            try (Device back = Device.reconnect(signedInAgain, phoneId)) {
                back.assertAlive();
                assertThat(back.call(Actions.LIST_DEVICES, new ListDevicesRequest(), ListDevicesReply.class).devices())
                        .filteredOn(d -> d.deviceId().equals(phoneId)).singleElement()
                        .satisfies(d -> assertThat(d.revoked()).as("signed in again since").isFalse());
            }
        } finally {
            phone.abort();
        }
    }

    @Test
    void revokeDevice_refuses_the_calling_device_and_a_device_the_user_does_not_have() {
        TestUser carol = TestUsers.user(2);
        TestUser alice = TestUsers.user(0);
        String alicesDevice = Device.uniqueId("alice-phone");
        Device.connect(alice, alicesDevice, "ios").close();
        try (Device laptop = Device.connect(carol, Device.uniqueId("laptop"), "web")) {
            laptop.refused(Actions.REVOKE_DEVICE, new RevokeDeviceRequest(laptop.deviceId()), ErrorCode.BAD_REQUEST);
            laptop.refused(Actions.REVOKE_DEVICE, new RevokeDeviceRequest(Device.uniqueId("never-seen")), ErrorCode.NOT_FOUND);
            laptop.refused(Actions.REVOKE_DEVICE, new RevokeDeviceRequest(alicesDevice), ErrorCode.NOT_FOUND);
            laptop.assertAlive();
        }
        try (Device aliceAgain = Device.reconnect(alice, alicesDevice)) {
            aliceAgain.assertAlive();
        }
    }

    @Test
    void signOutEverywhere_closes_every_other_socket_of_the_user_and_no_one_elses_and_old_tokens_no_longer_connect()
            throws InterruptedException {
        TargetStack target = TestUsers.target();
        assumeThat(target.totpUser()).as("a TOTP test user (locally dave) that no other test signs in").isPresent();
        String name = target.totpUser().orElseThrow();
        TestUser dave = new TestUser(name, target.accessToken(name), null);
        TestUser alice = TestUsers.user(0);

        Device phone = Device.connect(dave, Device.uniqueId("phone"), "ios");
        Device tablet = Device.connect(dave, Device.uniqueId("tablet"), "android");
        try (Device laptop = Device.connect(dave, Device.uniqueId("laptop"), "web");
             Device alicesPhone = Device.connect(alice)) {

            SignOutEverywhereReply reply = laptop.call(Actions.SIGN_OUT_EVERYWHERE, new SignOutEverywhereRequest(),
                    SignOutEverywhereReply.class);

            assertThat(reply.closedConnections()).isEqualTo(2);
            assertThat(reply.revokedDevices()).isGreaterThanOrEqualTo(3);
            phone.socket().closeCode(Device.WAIT);
            tablet.socket().closeCode(Device.WAIT);
            alicesPhone.assertAlive();
            assertThatThrownBy(() -> Device.reconnect(dave, laptop.deviceId()))
                    .as("a token issued before the sign-out, on the calling device")
                    .isInstanceOfSatisfying(WsClient.HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(403));
            assertThatThrownBy(() -> Device.connect(dave))
                    .as("a token issued before the sign-out, on a device never seen")
                    .isInstanceOfSatisfying(WsClient.HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(403));
        } finally {
            phone.abort();
            tablet.abort();
        }

        Thread.sleep(NEXT_SECOND.toMillis());
        TestUser signedInAgain = new TestUser(name, target.accessToken(name), null);
        try (Device phoneAgain = Device.connect(signedInAgain, Device.uniqueId("phone"), "ios")) {
            phoneAgain.assertAlive();
        }
    }

    @Test
    void the_TOTP_user_signs_in_through_the_SOFTWARE_TOKEN_MFA_challenge_and_connects() {
        TargetStack target = TestUsers.target();
        assumeThat(target.totpUser()).as("a TOTP test user (locally dave)").isPresent();
        String name = target.totpUser().orElseThrow();

        try (Device device = Device.connect(new TestUser(name, target.accessToken(name), null), Device.uniqueId("authenticator"), "ios")) {
            device.assertAlive();
        }
    }
}
