package dev.parley.client.signal.live;

import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyException;
import dev.parley.client.auth.Session;
import dev.parley.client.signal.KeyWire;
import dev.parley.client.signal.ParleyKeyDirectory;
import dev.parley.client.signal.keylog.KeyLogException;
import dev.parley.client.signal.keylog.KeyLogState;
import dev.parley.client.signal.keylog.KeyLogVerifier;
import dev.parley.client.signal.store.InMemorySignalStore;
import dev.parley.model.ErrorCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.signal.libsignal.protocol.IdentityKeyPair;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * parley-client-signal against the real key directory over real sockets (./parley test starts the
 * local cloud). Ciphertexts are handed from one device to the other in process: device-addressed
 * sendMessage is the next step of issue #15, so nothing carries envelopes through the server yet.
 */
@Tag("live")
class KeyDirectoryLiveTest extends LiveDevices {
    @Test
    void devicesPublishByThemselvesClaimEachOthersBundlesAndDecryptWhatWasEncryptedForThem() throws Exception {
        Session alice = cloud.newUser("alice");
        Session bob = cloud.newUser("bob");
        LivePhone alice1 = phone(alice, "alice-laptop");
        LivePhone alice2 = phone(alice, "alice-phone");
        LivePhone bob1 = phone(bob, "bob-phone");

        assertThat(List.of(alice1.num(), alice2.num(), bob1.num())).containsExactly(1, 2, 1);
        // Eight frames each; the first installs, the other seven top up (the same registrationId).
        for (LivePhone phone : List.of(alice1, alice2, bob1)) {
            assertThat(phone.published).singleElement().satisfies(reply -> {
                assertThat(reply.oneTimePreKeys()).isEqualTo(KeyWire.MAX_ONE_TIME_KEYS_PER_PUBLISH);
                assertThat(reply.oneTimeKyberPreKeys()).isEqualTo(KeyWire.MAX_ONE_TIME_KEYS_PER_PUBLISH);
            });
        }
        // alice2's publish reached her other device (and herself) as devicesChanged, verified.
        await().atMost(LivePhone.WAIT).until(() -> alice1.devicesChanged.contains(alice1.userId() + "@2"));

        assertThat(alice1.startSessions(bob1.userId())).containsExactly(1);
        assertThat(alice1.startSessions(alice1.userId())).as("her other device, not herself").containsExactly(2);
        assertThat(bob1.startSessions(alice1.userId())).containsExactly(1, 2);
        assertThat(alice2.startSessions(bob1.userId())).containsExactly(1);

        KeyWire.Envelope toBob = alice1.encryptFor(bob1, "hello bob");
        KeyWire.Envelope toAlice2 = alice1.encryptFor(alice2, "a note to myself");
        KeyWire.Envelope toAlice1 = bob1.encryptFor(alice1, "hi alice");
        KeyWire.Envelope toAlice2FromBob = bob1.encryptFor(alice2, "hi alice's phone");
        KeyWire.Envelope toBobFromAlice2 = alice2.encryptFor(bob1, "from the phone");
        assertThat(toBob.type()).isEqualTo(KeyWire.Envelope.PREKEY);
        assertThat(toBob.registrationId()).isEqualTo(bob1.e2ee.device().registrationId());

        assertThat(bob1.decryptFrom(alice1, toBob)).isEqualTo("hello bob");
        assertThat(alice2.decryptFrom(alice1, toAlice2)).isEqualTo("a note to myself");
        assertThat(alice1.decryptFrom(bob1, toAlice1)).isEqualTo("hi alice");
        assertThat(alice2.decryptFrom(bob1, toAlice2FromBob)).isEqualTo("hi alice's phone");
        assertThat(bob1.decryptFrom(alice2, toBobFromAlice2)).isEqualTo("from the phone");
        for (LivePhone phone : List.of(alice1, alice2, bob1)) {
            assertThat(phone.keyLogViolations).isEmpty();
            assertThat(phone.publishFailures).isEmpty();
        }
    }

    @Test
    void theServersKeyLogWithARevocationVerifiesInTheSdkAndEndsAtTheClaimsHead() throws Exception {
        Session alice = cloud.newUser("alice");
        LivePhone laptop = phone(alice, "alice-laptop");
        LivePhone phone = phone(alice, "alice-phone");
        LivePhone.get(laptop.client.api().revokeDevice(phone.client.deviceId()));
        ParleyKeyDirectory directory = new ParleyKeyDirectory(laptop.client.api());

        KeyWire.KeyLogReply log = LivePhone.get(directory.getKeyLog(laptop.userId(), null));
        KeyLogState state = new KeyLogVerifier(new InMemorySignalStore()).verify(laptop.userId(), log);

        assertThat(log.entries()).extracting(KeyWire.KeyLogEntry::change).containsExactly("added", "added", "revoked");
        assertThat(log.entries().get(2).identityKey()).as("a revocation repeats the device's last identity key")
                .isEqualTo(log.entries().get(1).identityKey());
        assertThat(log.entries().get(0).prevHash()).isEqualTo(Base64.getEncoder().encodeToString(new byte[32]));
        KeyWire.ClaimKeysReply claim = LivePhone.get(directory.claimKeys(laptop.userId(), null));
        assertThat(state.seq()).isEqualTo(claim.keyLog().seq()).isEqualTo(3);
        assertThat(state.hash()).isEqualTo(claim.keyLog().hash());
        assertThat(claim.bundles()).extracting(KeyWire.Bundle::deviceNum).containsExactly(1);
    }

    @Test
    void aServerThatRewritesAnIdentityKeyIsCaughtAsAMismatchAndARewrittenLogAsAFork() throws Exception {
        Session alice = cloud.newUser("alice");
        Session bob = cloud.newUser("bob");
        LivePhone alice1 = phone(alice, "alice-laptop");
        LivePhone bob1 = phone(bob, "bob-phone");
        assertThat(bob1.startSessions(alice1.userId())).containsExactly(1);
        String table = cloud.keysTable();
        String forged = Base64.getEncoder().encodeToString(IdentityKeyPair.generate().getPublicKey().serialize());

        // The directory hands out another identity key for alice's device; the log still has hers.
        rewrite(table, alice1.userId(), "device#" + String.format("%010d", 1), Map.of("identityKey", bytes(forged)));
        LivePhone bob2 = phone(bob, "bob-laptop");
        Throwable mismatch = catchThrowable(() -> bob2.startSessions(alice1.userId()));
        assertThat(mismatch).isInstanceOf(KeyLogException.class);
        assertThat(((KeyLogException) mismatch).kind()).isEqualTo(KeyLogException.Kind.IDENTITY_MISMATCH);

        // A server that rewrites the log to match, re-hashed, contradicts the head bob1 verified.
        Map<String, AttributeValue> entry = cloud.dynamoDb.getItem(get -> get.tableName(table)
                .key(key(alice1.userId(), "log#" + String.format("%012d", 1)))).item();
        KeyWire.KeyLogEntry rewritten = new KeyWire.KeyLogEntry(1, 1, Integer.parseInt(entry.get("registrationId").n()),
                forged, entry.get("change").s(), Long.parseLong(entry.get("at").n()),
                Base64.getEncoder().encodeToString(new byte[32]), null);
        String hash = KeyLogVerifier.hash(rewritten.prevHash(), rewritten);
        rewrite(table, alice1.userId(), "log#" + String.format("%012d", 1),
                Map.of("identityKey", bytes(forged), "hash", bytes(hash)));

        Throwable fork = catchThrowable(() -> bob1.startSessions(alice1.userId()));
        assertThat(fork).isInstanceOf(KeyLogException.class);
        assertThat(((KeyLogException) fork).kind()).isEqualTo(KeyLogException.Kind.FORK);
        assertThat(bob1.keyLogViolations).extracting(KeyLogException::kind).containsExactly(KeyLogException.Kind.FORK);
    }

    @Test
    void aDeviceClaimedBelowTheThresholdRefillsOnKeysLow() throws Exception {
        Session alice = cloud.newUser("alice");
        LivePhone alice1 = phone(alice, "alice-laptop");
        // 20 claims a minute per (caller, target device): 91 claims, left with 9, take five callers.
        int claims = KeyWire.MAX_ONE_TIME_KEYS_PER_PUBLISH - KeyWire.KEYS_LOW_THRESHOLD + 1;
        int perCaller = 19;
        for (int caller = 0; claims > 0; caller++) {
            ParleyClient claimer = cloud.client(cloud.newUser("claimer" + caller), "claimer");
            keep(claimer);
            claimer.start();
            await().atMost(LivePhone.WAIT).until(() -> claimer.state() instanceof ConnectionState.Connected);
            ParleyKeyDirectory directory = new ParleyKeyDirectory(claimer.api());
            for (int i = 0; i < perCaller && claims > 0; i++, claims--) {
                LivePhone.get(directory.claimKeys(alice1.userId(), alice1.num()));
            }
        }

        await().atMost(LivePhone.WAIT).until(() -> alice1.published.size() == 2);
        assertThat(alice1.published.get(1).oneTimePreKeys()).isEqualTo(KeyWire.MAX_ONE_TIME_KEYS_PER_PUBLISH);
        assertThat(alice1.published.get(1).oneTimeKyberPreKeys()).isEqualTo(KeyWire.MAX_ONE_TIME_KEYS_PER_PUBLISH);
        assertThat(LivePhone.get(alice1.e2ee.directory().getKeyCounts()))
                .isEqualTo(new KeyWire.KeyCounts(KeyWire.MAX_ONE_TIME_KEYS_PER_PUBLISH, KeyWire.MAX_ONE_TIME_KEYS_PER_PUBLISH));
        assertThat(alice1.publishFailures).isEmpty();
    }

    @Test
    void aUserWithoutKeysIsNotFoundTyped() throws Exception {
        LivePhone bob1 = phone(cloud.newUser("bob"), "bob-phone");
        Session keyless = cloud.newUser("keyless");

        Throwable refused = catchThrowable(() -> bob1.startSessions(keyless.userId()));

        assertThat(refused).isInstanceOf(ParleyException.ServerError.class);
        assertThat(((ParleyException.ServerError) refused).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(bob1.keyLogViolations).isEmpty();
    }

    private void rewrite(String table, String pk, String sk, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> item = new HashMap<>(cloud.dynamoDb.getItem(get -> get.tableName(table).key(key(pk, sk))).item());
        assertThat(item).as(pk + " " + sk).isNotEmpty();
        item.putAll(values);
        cloud.dynamoDb.putItem(put -> put.tableName(table).item(item));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    private static AttributeValue bytes(String base64) {
        return AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(base64)));
    }
}
