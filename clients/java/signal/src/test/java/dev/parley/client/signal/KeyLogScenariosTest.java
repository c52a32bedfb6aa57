package dev.parley.client.signal;

import dev.parley.client.signal.keylog.KeyLogException;
import dev.parley.client.signal.store.InMemorySignalStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What the SDK does when the directory's keys or log contradict what it verified before. */
class KeyLogScenariosTest {
    private final WireDirectory directory = new WireDirectory();
    private Phone alice;
    private Phone bob;

    @BeforeEach
    void publish() throws Exception {
        alice = Phone.published(directory, "alice", "alice-laptop", new InMemorySignalStore());
        bob = Phone.published(directory, "bob", "bob-phone", new InMemorySignalStore());
        alice.startSessions("bob");
    }

    @Test
    void aRewrittenIdentityKeyInTheKeyTableIsCaughtByTheLog() throws Exception {
        Phone mallory = Phone.published(new WireDirectory(), "mallory", "m", new InMemorySignalStore());
        directory.overwriteIdentityKey("bob", 1, Base64Keys.encode(mallory.device().identityKey().serialize()));
        assertThatThrownBy(() -> alice.startSessions("bob"))
                .isInstanceOfSatisfying(KeyLogException.class, e -> {
                    assertThat(e.kind()).isEqualTo(KeyLogException.Kind.IDENTITY_MISMATCH);
                    assertThat(e.userId()).isEqualTo("bob");
                });
        assertThat(alice.keyLogViolations).hasSize(1);
    }

    @Test
    void aRewrittenLogIsAForkEvenWithEveryHashRecomputed() throws Exception {
        Phone bobTablet = Phone.published(directory, "bob", "bob-tablet", new InMemorySignalStore());
        Phone mallory = Phone.published(new WireDirectory(), "mallory", "m", new InMemorySignalStore());
        directory.rewriteLog("bob", 1, Base64Keys.encode(mallory.device().identityKey().serialize()));

        alice.e2ee.onEvent("devicesChanged", directory.devicesChanged("bob"));
        await().until(() -> !alice.keyLogViolations.isEmpty());
        assertThat(alice.keyLogViolations.get(0).kind()).isEqualTo(KeyLogException.Kind.FORK);
        assertThat(alice.devicesChanged).isEmpty();
        assertThatThrownBy(() -> alice.startSessions("bob"))
                .isInstanceOfSatisfying(KeyLogException.class, e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.FORK));
        assertThat(bobTablet.num()).isEqualTo(2);
    }

    @Test
    void anHonestNewDeviceExtendsTheLogAndGetsASession() throws Exception {
        Phone bobTablet = Phone.published(directory, "bob", "bob-tablet", new InMemorySignalStore());
        alice.e2ee.onEvent("devicesChanged", directory.devicesChanged("bob"));
        await().until(() -> !alice.devicesChanged.isEmpty());
        assertThat(alice.devicesChanged.get(0).seq()).isEqualTo(2);
        assertThat(alice.startSessions("bob")).containsExactly(1, 2);
        List<KeyWire.Envelope> envelopes = alice.encrypt("bob", List.of(1, 2), "to both");
        assertThat(bobTablet.decrypt(alice, bobTablet.envelopeFor(envelopes))).isEqualTo("to both");
        assertThat(bob.decrypt(alice, bob.envelopeFor(envelopes))).isEqualTo("to both");
        assertThat(alice.keyLogViolations).isEmpty();
    }

    @Test
    void aLogServedOlderThanTheVerifiedHeadIsARollback() throws Exception {
        Phone.published(directory, "bob", "bob-tablet", new InMemorySignalStore());
        alice.startSessions("bob");
        directory.truncateLog("bob", 1);
        assertThatThrownBy(() -> alice.startSessions("bob"))
                .isInstanceOfSatisfying(KeyLogException.class, e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.ROLLBACK));
    }
}
