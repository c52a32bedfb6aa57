package dev.parley.client.signal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.signal.store.InMemorySignalStore;
import dev.parley.model.v1.ConversationEvent;
import dev.parley.model.v1.ConversationSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** E2EE groups through the cipher and the in-process relay: sender keys, their distribution and re-keying. */
class GroupChatTest {
    private static final String GROUP = "g_00000000000000000000000000000002";
    private final WireDirectory directory = new WireDirectory();
    private final WireRelay relay = new WireRelay(directory);
    private Phone alice1;
    private Phone alice2;
    private Phone bob;
    private Phone carol;

    @BeforeEach
    void devices() throws Exception {
        alice1 = Phone.published(directory, "alice", "alice-laptop", new InMemorySignalStore());
        alice2 = Phone.published(directory, "alice", "alice-phone", new InMemorySignalStore());
        bob = Phone.published(directory, "bob", "bob-phone", new InMemorySignalStore());
        carol = Phone.published(directory, "carol", "carol-phone", new InMemorySignalStore());
        relay.conversation(GROUP, "group", List.of("alice", "bob", "carol"));
    }

    @Test
    void oneSenderKeyCiphertextReachesEveryDeviceAfterOneDistribution() throws Exception {
        assertThat(alice1.send(relay, GROUP, "hello group").alg()).isEqualTo(SignalCipher.SENDER_KEY_V1);
        alice1.send(relay, GROUP, "again");

        List<ObjectNode> frames = relay.frames;
        // The distribution: one checked frame, refused once for alice's phone, then accepted; then the two group sends.
        assertThat(frames).extracting(f -> f.get("alg").asText()).containsExactly(SignalCipher.SIGNAL_V1,
                SignalCipher.SIGNAL_V1, SignalCipher.SENDER_KEY_V1, SignalCipher.SENDER_KEY_V1);
        assertThat(frames.get(1).get("envelopes")).hasSize(3);
        assertThat(frames.get(2).has("envelopes")).isFalse();
        for (Phone reader : List.of(alice2, bob, carol)) {
            assertThat(reader.read(relay, GROUP)).as(reader.deviceId).containsExactly("hello group", "again");
            assertThat(reader.undecryptable).isEmpty();
        }
        bob.send(relay, GROUP, "from bob");
        assertThat(alice1.read(relay, GROUP)).containsExactly("from bob");
        assertThat(alice2.read(relay, GROUP)).containsExactly("from bob");
        assertThat(carol.read(relay, GROUP)).containsExactly("from bob");
    }

    @Test
    void inALargeGroupEvenAFirstDistributionThatFitsOneFrameIsAPartialBatch() throws Exception {
        relay.conversation(GROUP, "group", List.of("alice", "bob", "carol"), ConversationSummary.LARGE);

        alice1.send(relay, GROUP, "hello large group");

        List<ObjectNode> frames = relay.frames;
        assertThat(frames).extracting(f -> f.get("alg").asText()).containsExactly(SignalCipher.SIGNAL_V1, SignalCipher.SENDER_KEY_V1);
        assertThat(frames.get(0).get("partial").asBoolean()).isTrue();
        assertThat(frames.get(0).get("envelopes")).hasSize(2);
        assertThat(bob.read(relay, GROUP)).containsExactly("hello large group");
        assertThat(carol.read(relay, GROUP)).containsExactly("hello large group");
    }

    @Test
    void aRemovedMemberGetsNoNewKeyAndCannotReadWhatFollows() throws Exception {
        alice1.send(relay, GROUP, "with carol");
        carol.read(relay, GROUP);
        relay.conversation(GROUP, "group", List.of("alice", "bob"));
        alice1.e2ee.onConversation(new ConversationEvent(GROUP, "removed", "alice", List.of("carol"), null));

        alice1.send(relay, GROUP, "without carol");

        ObjectNode redistribution = relay.frames.get(relay.frames.size() - 2);
        assertThat(redistribution.get("envelopes")).extracting(e -> e.get("userId").asText())
                .containsExactlyInAnyOrder("alice", "bob");
        assertThat(bob.read(relay, GROUP)).containsExactly("with carol", "without carol");
        assertThat(carol.read(relay, GROUP)).isEmpty();
        assertThat(carol.undecryptable).singleElement().satisfies(failure ->
                assertThat(failure.reason()).isEqualTo(E2eeException.DecryptionFailed.Reason.NO_SENDER_KEY));
    }

    @Test
    void aRemovalThisDeviceHeardNothingOfStillReplacesTheKey() throws Exception {
        alice1.send(relay, GROUP, "with carol");
        carol.read(relay, GROUP);
        // alice1 made the removal itself: the calling connection gets no conversation event.
        relay.conversation(GROUP, "group", List.of("alice", "bob"));

        alice1.send(relay, GROUP, "without carol");

        assertThat(bob.read(relay, GROUP)).containsExactly("with carol", "without carol");
        assertThat(carol.read(relay, GROUP)).isEmpty();
        assertThat(carol.undecryptable).singleElement().satisfies(failure ->
                assertThat(failure.reason()).isEqualTo(E2eeException.DecryptionFailed.Reason.NO_SENDER_KEY));
    }

    @Test
    void aDeviceAddedLaterGetsTheCurrentKeyReadsNewMessagesAndNotEarlierOnes() throws Exception {
        alice1.send(relay, GROUP, "before the tablet");
        Phone bobTablet = Phone.published(directory, "bob", "bob-tablet", new InMemorySignalStore());
        alice1.e2ee.onEvent(KeyWire.DEVICES_CHANGED_EVENT, directory.devicesChanged("bob"));
        await().until(() -> !alice1.devicesChanged.isEmpty());
        int before = relay.frames.size();

        alice1.send(relay, GROUP, "after the tablet");

        ObjectNode distribution = relay.frames.get(before);
        assertThat(distribution.get("partial").asBoolean()).isTrue();
        assertThat(distribution.get("envelopes")).singleElement().satisfies(e ->
                assertThat(e.get("deviceNum").asInt()).isEqualTo(bobTablet.num()));
        assertThat(bobTablet.read(relay, GROUP)).containsExactly("after the tablet");
        assertThat(bobTablet.undecryptable).extracting(UndecryptableMessage::reason)
                .containsExactly(E2eeException.DecryptionFailed.Reason.NO_SENDER_KEY);
        assertThat(bob.read(relay, GROUP)).containsExactly("before the tablet", "after the tablet");
    }
}
