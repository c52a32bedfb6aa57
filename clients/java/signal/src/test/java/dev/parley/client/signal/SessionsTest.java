package dev.parley.client.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.client.signal.store.InMemorySignalStore;
import dev.parley.model.ProtocolCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Alice with two devices and Bob with one, through the key directory's JSON, in process. */
class SessionsTest {
    private final WireDirectory directory = new WireDirectory();
    private Phone alice1;
    private Phone alice2;
    private Phone bob;

    @BeforeEach
    void publish() throws Exception {
        alice1 = Phone.published(directory, "alice", "alice-laptop", new InMemorySignalStore());
        alice2 = Phone.published(directory, "alice", "alice-phone", new InMemorySignalStore());
        bob = Phone.published(directory, "bob", "bob-phone", new InMemorySignalStore());
    }

    @Test
    void everyDeviceDecryptsEveryMessageTheSendersOtherDeviceToo() throws Exception {
        assertThat(List.of(alice1.num(), alice2.num(), bob.num())).containsExactly(1, 2, 1);
        assertThat(alice1.published).singleElement().satisfies(reply -> {
            assertThat(reply.oneTimePreKeys()).isEqualTo(100);
            assertThat(reply.oneTimeKyberPreKeys()).isEqualTo(100);
        });

        assertThat(alice1.startSessions("bob")).containsExactly(1);
        assertThat(alice1.startSessions("alice")).as("her own other device, not herself").containsExactly(2);
        List<KeyWire.Envelope> toBob = alice1.encrypt("bob", List.of(1), "hello bob");
        List<KeyWire.Envelope> toAlice2 = alice1.encrypt("alice", List.of(2), "hello bob");
        assertThat(toBob.get(0).type()).isEqualTo("prekey");
        assertThat(toBob.get(0).registrationId()).isEqualTo(bob.device().registrationId());

        assertThat(bob.decrypt(alice1, toBob.get(0))).isEqualTo("hello bob");
        assertThat(alice2.decrypt(alice1, toAlice2.get(0))).isEqualTo("hello bob");
        assertThat(bob.store.preKeyCount()).as("the one-time prekey Alice used is gone").isEqualTo(99);
        assertThat(bob.store.oneTimeKyberPreKeyCount()).isEqualTo(99);

        assertThat(bob.startSessions("alice")).containsExactly(1, 2);
        List<KeyWire.Envelope> reply = bob.encrypt("alice", List.of(1, 2), "hi alice");
        assertThat(alice1.decrypt(bob, alice1.envelopeFor(reply))).isEqualTo("hi alice");
        assertThat(alice2.decrypt(bob, alice2.envelopeFor(reply))).isEqualTo("hi alice");

        List<KeyWire.Envelope> second = alice1.encrypt("bob", List.of(1), "second");
        assertThat(second.get(0).type()).as("the session is established").isEqualTo("message");
        assertThat(bob.decrypt(alice1, second.get(0))).isEqualTo("second");
        assertThat(bob.decryptionFailures).isEmpty();
        assertThat(alice1.identityChanges).isEmpty();
    }

    @Test
    void bundlesCarryTheContractsKeySizes() throws Exception {
        JsonNode claim = ProtocolCodec.instance().mapper().readTree(
                directory.claim(WireDirectory.write(new KeyWire.ClaimKeysRequest("bob", 1))));
        JsonNode bundle = claim.get("bundles").get(0);
        assertThat(bytes(bundle.get("identityKey"))).hasSize(33).startsWith((byte) 0x05);
        assertThat(bytes(bundle.at("/signedPreKey/publicKey"))).hasSize(33);
        assertThat(bytes(bundle.at("/signedPreKey/signature"))).hasSize(64);
        assertThat(bytes(bundle.at("/oneTimePreKey/publicKey"))).hasSize(33);
        assertThat(bytes(bundle.at("/kyberPreKey/publicKey"))).hasSize(1569);
        assertThat(bytes(bundle.at("/kyberPreKey/signature"))).hasSize(64);
        assertThat(bundle.at("/kyberPreKey/lastResort").asBoolean()).isFalse();
        assertThat(claim.at("/keyLog/seq").asLong()).isEqualTo(1);
    }

    @Test
    void aTamperedCiphertextIsRejectedWithATypedErrorAndTheSessionSurvives() throws Exception {
        alice1.startSessions("bob");
        KeyWire.Envelope first = alice1.encrypt("bob", List.of(1), "first").get(0);
        assertThatThrownBy(() -> bob.decrypt(alice1, flipped(first)))
                .isInstanceOfSatisfying(E2eeException.DecryptionFailed.class, e -> {
                    assertThat(e.reason()).isEqualTo(E2eeException.DecryptionFailed.Reason.INVALID_MESSAGE);
                    assertThat(e.userId()).isEqualTo("alice");
                    assertThat(e.deviceNum()).isEqualTo(1);
                });
        assertThat(bob.decrypt(alice1, first)).isEqualTo("first");

        KeyWire.Envelope later = alice1.encrypt("bob", List.of(1), "later").get(0);
        assertThat(later.type()).isEqualTo("prekey");
        bob.startSessions("alice");
        KeyWire.Envelope message = bob.encrypt("alice", List.of(1), "ack").get(0);
        alice1.decrypt(bob, message);
        KeyWire.Envelope signal = alice1.encrypt("bob", List.of(1), "inside the ratchet").get(0);
        assertThat(signal.type()).isEqualTo("message");
        assertThatThrownBy(() -> bob.decrypt(alice1, flipped(signal)))
                .isInstanceOfSatisfying(E2eeException.DecryptionFailed.class,
                        e -> assertThat(e.reason()).isEqualTo(E2eeException.DecryptionFailed.Reason.INVALID_MESSAGE));
        assertThat(bob.decrypt(alice1, signal)).isEqualTo("inside the ratchet");
        assertThat(bob.decryptionFailures).hasSize(2);
    }

    @Test
    void aReplayAndAnUnknownTypeAreTypedFailures() throws Exception {
        alice1.startSessions("bob");
        KeyWire.Envelope once = alice1.encrypt("bob", List.of(1), "once").get(0);
        bob.decrypt(alice1, once);
        assertThatThrownBy(() -> bob.decrypt(alice1, once))
                .isInstanceOfSatisfying(E2eeException.DecryptionFailed.class,
                        e -> assertThat(e.reason()).isEqualTo(E2eeException.DecryptionFailed.Reason.DUPLICATE));
        KeyWire.Envelope odd = new KeyWire.Envelope("bob", 1, once.registrationId(), "sealed", once.ciphertext());
        assertThatThrownBy(() -> bob.decrypt(alice1, odd))
                .isInstanceOfSatisfying(E2eeException.DecryptionFailed.class,
                        e -> assertThat(e.reason()).isEqualTo(E2eeException.DecryptionFailed.Reason.MALFORMED_ENVELOPE));
        assertThatThrownBy(() -> alice2.device().encrypt("bob", List.of(1), new byte[1]))
                .isInstanceOfSatisfying(E2eeException.EncryptionFailed.class,
                        e -> assertThat(e.reason()).isEqualTo(E2eeException.EncryptionFailed.Reason.NO_SESSION));
    }

    @Test
    void aReinstalledPeersNewIdentityKeyIsReportedAndUsedOnlyOnceTrusted() throws Exception {
        alice1.startSessions("bob");
        SafetyNumber before = alice1.device().safetyNumber("bob", 1);
        Phone reinstalled = Phone.published(directory, "bob", "bob-phone", new InMemorySignalStore());
        assertThat(reinstalled.num()).as("same deviceId, same number").isEqualTo(1);

        assertThatThrownBy(() -> alice1.startSessions("bob"))
                .isInstanceOfSatisfying(E2eeException.BundleRejected.class,
                        e -> assertThat(e.reason()).isEqualTo(E2eeException.BundleRejected.Reason.UNTRUSTED_IDENTITY));
        assertThat(alice1.identityChanges).containsExactly("bob.1");
        assertThat(alice1.device().trustedIdentity("bob", 1)).isEqualTo(bob.device().identityKey());

        alice1.device().trust("bob", 1, reinstalled.device().identityKey());
        assertThat(alice1.startSessions("bob")).containsExactly(1);
        KeyWire.Envelope envelope = alice1.encrypt("bob", List.of(1), "welcome back").get(0);
        assertThat(reinstalled.decrypt(alice1, envelope)).isEqualTo("welcome back");
        assertThat(alice1.device().safetyNumber("bob", 1).digits()).isNotEqualTo(before.digits());
    }

    @Test
    void bothSidesComputeTheSameSafetyNumber() throws Exception {
        alice1.startSessions("bob");
        bob.decrypt(alice1, alice1.encrypt("bob", List.of(1), "hi").get(0));
        SafetyNumber hers = alice1.device().safetyNumber("bob", 1);
        SafetyNumber his = bob.device().safetyNumber("alice", 1);
        assertThat(hers.digits()).hasSize(60).containsOnlyDigits().isEqualTo(his.digits());
        assertThat(hers.grouped()).matches("(\\d{5} ){11}\\d{5}");
        assertThatThrownBy(() -> bob.device().safetyNumber("alice", 2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withNoOneTimeKeysLeftTheLastResortKyberKeyServesAndStays() throws Exception {
        for (int i = 0; i < 100; i++) {
            directory.claim(WireDirectory.write(new KeyWire.ClaimKeysRequest("bob", 1)));
        }
        JsonNode claim = ProtocolCodec.instance().mapper().readTree(
                directory.claim(WireDirectory.write(new KeyWire.ClaimKeysRequest("bob", 1))));
        assertThat(claim.at("/bundles/0/oneTimePreKey").isMissingNode()).isTrue();
        assertThat(claim.at("/bundles/0/kyberPreKey/lastResort").asBoolean()).isTrue();

        alice1.startSessions("bob");
        assertThat(bob.decrypt(alice1, alice1.encrypt("bob", List.of(1), "on the last resort").get(0)))
                .isEqualTo("on the last resort");
        alice2.startSessions("bob");
        assertThat(bob.decrypt(alice2, alice2.encrypt("bob", List.of(1), "again").get(0))).isEqualTo("again");
        assertThat(bob.store.kyberPreKeys()).filteredOn(key -> key.lastResort()).hasSize(1);
    }

    @Test
    void keysLowAndLowCountsRefillOnlyTheShortKind() throws Exception {
        assertThat(Phone.await(bob.e2ee.publishKeys())).as("counts are fine: nothing to publish").isNull();
        for (int i = 0; i < 95; i++) {
            directory.claim(WireDirectory.write(new KeyWire.ClaimKeysRequest("bob", 1)));
        }
        bob.e2ee.onEvent("keysLow", (com.fasterxml.jackson.databind.node.ObjectNode) ProtocolCodec.instance().mapper()
                .readTree("{\"oneTimePreKeys\":5,\"oneTimeKyberPreKeys\":5,\"threshold\":10}"));
        org.awaitility.Awaitility.await().until(() -> bob.published.size() == 2);
        assertThat(bob.published.get(1).oneTimePreKeys()).isEqualTo(100);
        assertThat(bob.published.get(1).oneTimeKyberPreKeys()).isEqualTo(100);

        for (int i = 0; i < 92; i++) {
            directory.claim(WireDirectory.write(new KeyWire.ClaimKeysRequest("bob", 1)));
        }
        KeyWire.PublishKeysReply refill = Phone.await(bob.e2ee.publishKeys());
        assertThat(refill.oneTimePreKeys()).isEqualTo(100);
        List<KeyWire.PublishKeysRequest> payload = bob.device().refill(new KeyWire.KeyCounts(50, 3));
        assertThat(payload).allSatisfy(request -> {
            assertThat(request.oneTimePreKeys()).isNull();
            assertThat(request.signedPreKey()).isNull();
        });
        assertThat(payload.stream().mapToInt(request -> request.oneTimeKyberPreKeys().size()).sum()).isEqualTo(97);
        assertThat(bob.device().refill(new KeyWire.KeyCounts(10, 10))).isEmpty();
    }

    @Test
    void aPublishStartedWhileOneIsUnderWayAddsNoSecondSetOfKeys() throws Exception {
        E2eeClient carol = E2eeClient.create("carol", "carol-phone", new InMemorySignalStore(),
                directory.as("carol", "carol-phone"), null);
        java.util.concurrent.CompletableFuture<KeyWire.PublishKeysReply> first = carol.publishKeys();
        java.util.concurrent.CompletableFuture<KeyWire.PublishKeysReply> second = carol.publishKeys();
        Phone.await(first);
        Phone.await(second);
        assertThat(directory.keyCounts("carol", "carol-phone"))
                .isEqualTo("{\"oneTimePreKeys\":100,\"oneTimeKyberPreKeys\":100}");
        assertThat(carol.device().deviceNum()).isEqualTo(1);
        carol.close();
    }

    private static byte[] bytes(JsonNode base64) {
        return Base64.getDecoder().decode(base64.asText());
    }

    private static KeyWire.Envelope flipped(KeyWire.Envelope envelope) {
        byte[] bytes = Base64.getDecoder().decode(envelope.ciphertext());
        bytes[bytes.length / 2] ^= 0x01;
        return new KeyWire.Envelope(envelope.userId(), envelope.deviceNum(), envelope.registrationId(), envelope.type(),
                Base64.getEncoder().encodeToString(bytes));
    }
}
