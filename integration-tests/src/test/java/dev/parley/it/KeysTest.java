package dev.parley.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.it.TestUsers.TestUser;
import dev.parley.model.ErrorCode;
import dev.parley.model.Frame;
import dev.parley.model.Limits;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ClaimKeysReply;
import dev.parley.model.v1.ClaimKeysRequest;
import dev.parley.model.v1.DevicesChangedEvent;
import dev.parley.model.v1.GetKeyCountsRequest;
import dev.parley.model.v1.GetKeyLogRequest;
import dev.parley.model.v1.KeyCountsReply;
import dev.parley.model.v1.KeyLogEntryInfo;
import dev.parley.model.v1.KeyLogReply;
import dev.parley.model.v1.KeysLowEvent;
import dev.parley.model.v1.PreKeyBundle;
import dev.parley.model.v1.PreKeyInfo;
import dev.parley.model.v1.PublishKeysReply;
import dev.parley.model.v1.PublishKeysRequest;
import dev.parley.model.v1.RevokeDeviceReply;
import dev.parley.model.v1.RevokeDeviceRequest;
import dev.parley.model.v1.SignedPreKeyInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key directory over real sockets (docs/protocol/e2ee.md): publishing and claiming bundles,
 * one-time keys handed out exactly once under concurrent claims, keysLow, a revoked device's keys
 * gone and its peers told, the key log's hash chain, and each refusal with its documented error.
 * Every test publishes from fresh device ids, so each device has a fresh number and fresh counters.
 */
class KeysTest {
    private static final ProtocolCodec CODEC = ProtocolCodec.instance();

    private final TestUser alice = TestUsers.user(0);
    private final TestUser bob = TestUsers.user(1);
    private final TestUser carol = TestUsers.user(2);

    @Test
    void a_published_device_is_claimed_as_one_bundle_and_is_told_when_its_one_time_keys_run_low() {
        PublishedKeys keys = new PublishedKeys(5);
        try (Device phone = Device.connect(carol, Device.uniqueId("keys-phone"), "ios");
             Device asking = Device.connect(alice)) {
            PublishKeysReply published = keys.publish(phone);
            assertThat(published.deviceNum()).isPositive();
            assertThat(published.oneTimePreKeys()).isEqualTo(5);
            assertThat(published.oneTimeKyberPreKeys()).isEqualTo(5);
            assertThat(phone.call(Actions.GET_KEY_COUNTS, new GetKeyCountsRequest(), KeyCountsReply.class))
                    .isEqualTo(new KeyCountsReply(5, 5));

            ClaimKeysReply claimed = asking.call(Actions.CLAIM_KEYS, new ClaimKeysRequest(carol.userId(), published.deviceNum()),
                    ClaimKeysReply.class);

            assertThat(claimed.userId()).isEqualTo(carol.userId());
            assertThat(claimed.keyLog().seq()).isPositive();
            PreKeyBundle bundle = claimed.bundles().get(0);
            assertThat(claimed.bundles()).hasSize(1);
            assertThat(bundle.deviceNum()).isEqualTo(published.deviceNum());
            assertThat(bundle.registrationId()).isEqualTo(keys.registrationId);
            assertThat(bundle.identityKey()).isEqualTo(keys.identityKey);
            assertThat(bundle.signedPreKey()).isEqualTo(keys.signedPreKey);
            assertThat(keys.oneTimeEc).contains(bundle.oneTimePreKey());
            assertThat(bundle.kyberPreKey().lastResort()).isFalse();
            assertThat(keys.oneTimeKyber).contains(new SignedPreKeyInfo(bundle.kyberPreKey().keyId(),
                    bundle.kyberPreKey().publicKey(), bundle.kyberPreKey().signature()));

            KeysLowEvent low = phone.awaitEvent(Actions.KEYS_LOW_EVENT, payload -> true, KeysLowEvent.class, Device.WAIT, "keysLow");
            assertThat(low).isEqualTo(new KeysLowEvent(4, 4, Limits.KEYS_LOW_THRESHOLD));
            assertThat(phone.call(Actions.GET_KEY_COUNTS, new GetKeyCountsRequest(), KeyCountsReply.class))
                    .isEqualTo(new KeyCountsReply(4, 4));

            // A claim of all devices counts once per device against (caller, device): carol, who claims
            // the race test's device only 10 times, so that this claim is never refused within the same minute.
            List<PreKeyBundle> all = phone.call(Actions.CLAIM_KEYS, new ClaimKeysRequest(carol.userId(), null),
                    ClaimKeysReply.class).bundles();
            assertThat(all).filteredOn(b -> b.deviceNum() == published.deviceNum()).singleElement()
                    .satisfies(b -> assertThat(b.oneTimePreKey()).isNotIn(bundle.oneTimePreKey()).isIn(keys.oneTimeEc));
            phone.assertAlive();
        }
    }

    @Test
    void fifty_concurrent_claims_of_a_device_with_twenty_one_time_keys_hand_out_each_exactly_once_then_the_last_resort_key() {
        PublishedKeys keys = new PublishedKeys(20);
        try (Device phone = Device.connect(carol, Device.uniqueId("keys-race"), "android")) {
            int deviceNum = keys.publish(phone).deviceNum();
            // At most 20 claims a minute per (caller, target device): 20 + 20 + 10 from three users, on ten sockets.
            List<Device> claimants = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    claimants.add(Device.connect(alice));
                    claimants.add(Device.connect(bob));
                }
                claimants.add(Device.connect(carol));
                claimants.add(Device.connect(carol));
                List<Map.Entry<Device, String>> pending = new ArrayList<>();
                for (int round = 0; round < 5; round++) {
                    for (Device claimant : claimants) {
                        pending.add(Map.entry(claimant, claimant.submit(Actions.CLAIM_KEYS,
                                new ClaimKeysRequest(carol.userId(), deviceNum))));
                    }
                }
                List<PreKeyBundle> bundles = pending.stream().map(claim -> {
                    Frame answer = claim.getKey().answer(claim.getValue());
                    assertThat(answer).as("claim answer").isInstanceOf(Frame.Reply.class);
                    return Device.payload((Frame.Reply) answer, ClaimKeysReply.class).bundles().get(0);
                }).toList();

                assertThat(bundles).hasSize(50);
                List<PreKeyInfo> ec = bundles.stream().map(PreKeyBundle::oneTimePreKey).filter(k -> k != null).toList();
                assertThat(ec).as("every one-time EC key once, no key twice").hasSize(20)
                        .containsExactlyInAnyOrderElementsOf(keys.oneTimeEc);
                List<Integer> kyber = bundles.stream().filter(b -> !b.kyberPreKey().lastResort())
                        .map(b -> b.kyberPreKey().keyId()).toList();
                assertThat(kyber).as("every one-time Kyber key once").hasSize(20)
                        .containsExactlyInAnyOrderElementsOf(keys.oneTimeKyber.stream().map(SignedPreKeyInfo::keyId).toList());
                assertThat(bundles).filteredOn(b -> b.kyberPreKey().lastResort()).hasSize(30)
                        .allSatisfy(b -> assertThat(b.kyberPreKey().publicKey()).isEqualTo(keys.lastResort.publicKey()));
                assertThat(phone.call(Actions.GET_KEY_COUNTS, new GetKeyCountsRequest(), KeyCountsReply.class))
                        .isEqualTo(new KeyCountsReply(0, 0));
                claimants.forEach(Device::assertAlive);
            } finally {
                claimants.forEach(Device::close);
            }
        }
    }

    @Test
    void a_revoked_device_cannot_be_claimed_its_peers_hear_devicesChanged_and_the_log_records_it() {
        try (Device aliceDevice = Device.connect(alice);
             Device laptop = Device.connect(carol, Device.uniqueId("keys-laptop"), "web")) {
            aliceDevice.createDirect(carol.userId());
            String phoneId = Device.uniqueId("keys-lost");
            int deviceNum;
            try (Device phone = Device.connect(carol, phoneId, "ios")) {
                deviceNum = new PublishedKeys(3).publish(phone).deviceNum();
            }
            long addedSeq = log(aliceDevice, carol.userId()).getLast().seq();
            DevicesChangedEvent added = aliceDevice.awaitEvent(Actions.DEVICES_CHANGED_EVENT,
                    payload -> payload.path("keyLog").path("seq").asLong() == addedSeq, DevicesChangedEvent.class,
                    Device.WAIT, "devicesChanged for the new device");
            assertThat(added.userId()).isEqualTo(carol.userId());

            RevokeDeviceReply revoked = laptop.call(Actions.REVOKE_DEVICE, new RevokeDeviceRequest(phoneId), RevokeDeviceReply.class);
            assertThat(revoked.deviceId()).isEqualTo(phoneId);

            KeyLogEntryInfo last = log(aliceDevice, carol.userId()).getLast();
            assertThat(last.change()).isEqualTo("revoked");
            assertThat(last.deviceNum()).isEqualTo(deviceNum);
            DevicesChangedEvent changed = aliceDevice.awaitEvent(Actions.DEVICES_CHANGED_EVENT,
                    payload -> payload.path("keyLog").path("seq").asLong() == last.seq(), DevicesChangedEvent.class,
                    Device.WAIT, "devicesChanged for the revocation");
            assertThat(changed.keyLog().hash()).isEqualTo(last.hash());
            laptop.awaitEvent(Actions.DEVICES_CHANGED_EVENT, payload -> payload.path("keyLog").path("seq").asLong() == last.seq(),
                    DevicesChangedEvent.class, Device.WAIT, "devicesChanged on carol's other device");
            aliceDevice.refused(Actions.CLAIM_KEYS, new ClaimKeysRequest(carol.userId(), deviceNum), ErrorCode.NOT_FOUND);
            // carol's other devices may have keys (other tests') or not: either way the revoked one is not among them.
            Frame all = laptop.answer(laptop.submit(Actions.CLAIM_KEYS, new ClaimKeysRequest(carol.userId(), null)));
            if (all instanceof Frame.Reply reply) {
                assertThat(Device.payload(reply, ClaimKeysReply.class).bundles()).noneMatch(b -> b.deviceNum() == deviceNum);
            } else {
                assertThat(((Frame.Error) all).code()).isEqualTo(ErrorCode.NOT_FOUND);
            }
            aliceDevice.assertAlive();
        }
    }

    @Test
    void the_key_log_is_a_hash_chain_a_client_can_recompute_and_a_reinstall_extends_it() throws Exception {
        String phoneId = Device.uniqueId("keys-reinstall");
        try (Device phone = Device.connect(bob, phoneId, "ios"); Device asking = Device.connect(alice)) {
            int deviceNum = new PublishedKeys(4).publish(phone).deviceNum();
            PublishedKeys reinstalled = new PublishedKeys(2);
            PublishKeysReply again = reinstalled.publish(phone);
            assertThat(again.deviceNum()).as("the same device keeps its number").isEqualTo(deviceNum);
            assertThat(again.oneTimePreKeys()).as("the old one-time keys are gone").isEqualTo(2);

            List<KeyLogEntryInfo> entries = log(asking, bob.userId());
            byte[] previous = new byte[32];
            for (int i = 0; i < entries.size(); i++) {
                KeyLogEntryInfo entry = entries.get(i);
                assertThat(entry.seq()).isEqualTo(i + 1);
                assertThat(Base64.getDecoder().decode(entry.prevHash())).isEqualTo(previous);
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                sha256.update(previous);
                byte[] hash = sha256.digest((entry.seq() + "|" + entry.deviceNum() + "|" + entry.registrationId() + "|"
                        + entry.identityKey() + "|" + entry.change() + "|" + entry.at()).getBytes(StandardCharsets.UTF_8));
                assertThat(entry.hash()).as("hash of entry " + entry.seq()).isEqualTo(Base64.getEncoder().encodeToString(hash));
                previous = hash;
            }
            KeyLogEntryInfo last = entries.getLast();
            assertThat(last.change()).isEqualTo("reinstalled");
            assertThat(last.identityKey()).isEqualTo(reinstalled.identityKey);
            assertThat(entries.get(entries.size() - 2).change()).isEqualTo("added");
            ClaimKeysReply claimed = asking.call(Actions.CLAIM_KEYS, new ClaimKeysRequest(bob.userId(), deviceNum), ClaimKeysReply.class);
            assertThat(claimed.keyLog().seq()).isEqualTo(last.seq());
            assertThat(claimed.keyLog().hash()).isEqualTo(last.hash());
            assertThat(claimed.bundles().get(0).identityKey()).isEqualTo(reinstalled.identityKey);
            assertThat(asking.call(Actions.GET_KEY_LOG, new GetKeyLogRequest(bob.userId(), last.seq() - 1), KeyLogReply.class)
                    .entries()).containsExactly(last);
        }
    }

    @Test
    void malformed_keys_too_many_keys_and_unknown_devices_each_get_their_documented_error_and_the_socket_survives() {
        PublishedKeys keys = new PublishedKeys(0);
        try (Device phone = Device.connect(carol, Device.uniqueId("keys-bad"), "ios")) {
            refusedPublish(phone, keys, "identityKey", PublishedKeys.base64(32), ErrorCode.BAD_REQUEST);
            refusedPublish(phone, keys, "identityKey", "not base64!", ErrorCode.BAD_REQUEST);
            refusedPublish(phone, keys, "identityKey", PublishedKeys.base64(33).replaceFirst("^.", "A"), ErrorCode.BAD_REQUEST);
            refusedPublish(phone, keys, "registrationId", 0, ErrorCode.BAD_REQUEST);
            phone.refused(Actions.PUBLISH_KEYS, new PublishKeysRequest(keys.registrationId, keys.identityKey,
                    new SignedPreKeyInfo(1, PublishedKeys.ec(), PublishedKeys.base64(63)), keys.lastResort, null, null),
                    ErrorCode.BAD_REQUEST);
            phone.refused(Actions.PUBLISH_KEYS, new PublishKeysRequest(keys.registrationId, keys.identityKey,
                    keys.signedPreKey, new SignedPreKeyInfo(1, PublishedKeys.base64(1568), PublishedKeys.signature()), null, null),
                    ErrorCode.BAD_REQUEST);
            phone.refused(Actions.PUBLISH_KEYS, new PublishKeysRequest(keys.registrationId, keys.identityKey,
                    null, null, null, null), ErrorCode.BAD_REQUEST);
            phone.refused(Actions.PUBLISH_KEYS, new PublishKeysRequest(keys.registrationId, keys.identityKey,
                    keys.signedPreKey, keys.lastResort, List.of(new PreKeyInfo(7, PublishedKeys.ec()), new PreKeyInfo(7, PublishedKeys.ec())),
                    null), ErrorCode.BAD_REQUEST);
            List<PreKeyInfo> tooMany = IntStream.rangeClosed(1, Limits.MAX_ONE_TIME_KEYS_PER_PUBLISH + 1)
                    .mapToObj(id -> new PreKeyInfo(id, PublishedKeys.ec())).toList();
            phone.refused(Actions.PUBLISH_KEYS, new PublishKeysRequest(keys.registrationId, keys.identityKey,
                    keys.signedPreKey, keys.lastResort, tooMany, null), ErrorCode.LIMIT_EXCEEDED);
            assertThat(phone.call(Actions.GET_KEY_COUNTS, new GetKeyCountsRequest(), KeyCountsReply.class))
                    .as("nothing of the refused publishes was stored").isEqualTo(new KeyCountsReply(0, 0));

            phone.refused(Actions.CLAIM_KEYS, new ClaimKeysRequest("nobody-" + Device.uniqueId("u"), null), ErrorCode.NOT_FOUND);
            phone.refused(Actions.CLAIM_KEYS, new ClaimKeysRequest(carol.userId(), 999_999), ErrorCode.NOT_FOUND);
            phone.refused(Actions.CLAIM_KEYS, new ClaimKeysRequest(carol.userId(), 0), ErrorCode.BAD_REQUEST);
            phone.refused(Actions.CLAIM_KEYS, new ClaimKeysRequest(null, null), ErrorCode.BAD_REQUEST);
            phone.refused(Actions.GET_KEY_LOG, new GetKeyLogRequest(carol.userId(), -1L), ErrorCode.BAD_REQUEST);
            phone.assertAlive();
        }
    }

    @Test
    void claims_of_one_device_beyond_the_per_minute_limit_get_RATE_LIMITED() {
        try (Device phone = Device.connect(carol, Device.uniqueId("keys-limit"), "ios"); Device asking = Device.connect(bob)) {
            int deviceNum = new PublishedKeys(0).publish(phone).deviceNum();
            // A fixed window per calendar minute: a run across a minute's end fills two windows.
            int most = 2 * Limits.KEY_CLAIMS_PER_MINUTE + 1;
            boolean limited = false;
            for (int i = 0; i < most && !limited; i++) {
                Frame answer = asking.answer(asking.submit(Actions.CLAIM_KEYS, new ClaimKeysRequest(carol.userId(), deviceNum)));
                limited = answer instanceof Frame.Error error && error.code() == ErrorCode.RATE_LIMITED;
            }
            assertThat(limited).as("refused within " + most + " claims").isTrue();
            asking.assertAlive();
            try (Device other = Device.connect(alice)) {
                assertThat(other.call(Actions.CLAIM_KEYS, new ClaimKeysRequest(carol.userId(), deviceNum), ClaimKeysReply.class)
                        .bundles()).as("another caller has a limit of its own").hasSize(1);
            }
        }
    }

    private static void refusedPublish(Device device, PublishedKeys keys, String field, Object value, ErrorCode code) {
        ObjectNode request = CODEC.mapper().valueToTree(new PublishKeysRequest(keys.registrationId, keys.identityKey,
                keys.signedPreKey, keys.lastResort, null, null));
        request.set(field, CODEC.mapper().valueToTree(value));
        Frame.Error error = device.refused(Actions.PUBLISH_KEYS, request, code);
        assertThat(error.message()).contains(field);
    }

    /** The whole key log of a user, page by page. */
    private static List<KeyLogEntryInfo> log(Device device, String userId) {
        List<KeyLogEntryInfo> entries = new ArrayList<>();
        long after = 0;
        while (true) {
            List<KeyLogEntryInfo> page = device.call(Actions.GET_KEY_LOG, new GetKeyLogRequest(userId, after), KeyLogReply.class).entries();
            entries.addAll(page);
            if (page.size() < Limits.MAX_KEY_LOG_PAGE) {
                return entries;
            }
            after = page.getLast().seq();
        }
    }
}
