package dev.parley.client.live;

import dev.parley.client.ParleyClient;
import dev.parley.client.store.InMemoryStore;
import dev.parley.model.v1.MemberCursor;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Receipts as docs/protocol/sync.md asks a client to send them, over real sockets. */
class ReceiptsTest extends LiveTest {

    @Test
    void theSenderSeesDeliveredFromItsReplyAndABurstIsReadWithOneMarkRead() throws Exception {
        Recorder aliceSaw = new Recorder();
        Recorder otherDeviceSaw = new Recorder();
        Recorder bobSaw = new Recorder();
        ParleyClient alice = connect("alice", aliceSaw);
        ParleyClient aliceOtherDevice = connect("alice", otherDeviceSaw);
        ParleyClient bob = connect("bob", bobSaw);
        String group = newGroup(alice, bob);
        await().atMost(WAIT).until(() -> bob.store().conversation(group).isPresent());

        for (int i = 1; i <= 5; i++) {
            alice.send(group, "burst " + i);
        }
        await().atMost(WAIT).until(() -> bobSaw.in(group).size() == 5);

        // Delivered, from the sendMessage replies' deliveredTo: bob's device sent nothing for it.
        await().atMost(WAIT).until(() -> cursorOf(alice, group, bob).map(MemberCursor::deliveredSeq).orElse(0L) == 5L);
        assertThat(cursorOf(alice, group, bob).orElseThrow().readSeq()).isZero();
        assertThat(aliceSaw.receipts).anyMatch(r -> r.userId().equals(bob.userId()) && r.deliveredSeq() == 5 && r.deviceId() == null);
        // Alice's other device hears of it by receipt events that name no device.
        await().atMost(WAIT).until(() -> cursorOf(aliceOtherDevice, group, bob).map(MemberCursor::deliveredSeq).orElse(0L) == 5L);
        // (Only this group's: the device's first sync also tells it bob's cursors in earlier conversations.)
        assertThat(otherDeviceSaw.receipts).filteredOn(r -> r.conversationId().equals(group) && r.userId().equals(bob.userId()))
                .allMatch(r -> r.deviceId() == null && r.readSeq() == 0);

        // Bob's app shows the five messages: five markSeen calls, one markRead for the newest.
        for (int i = 0; i < 5; i++) {
            bob.markSeen(group);
        }
        await().atMost(WAIT).until(() -> cursorOf(alice, group, bob).map(MemberCursor::readSeq).orElse(0L) == 5L);
        await().atMost(WAIT).until(() -> bob.store().conversation(group).orElseThrow().readSeq() == 5L);
        assertThat(bob.requestsSent("markRead")).isEqualTo(1);
        assertThat(bob.requestsSent("markDelivered")).isZero();
        assertThat(aliceSaw.receipts).filteredOn(r -> r.conversationId().equals(group) && r.userId().equals(bob.userId())
                        && r.readSeq() > 0)
                .singleElement().satisfies(r -> assertThat(r.readSeq()).isEqualTo(5L));
    }

    @Test
    void messagesThatCameBySyncAreAcknowledgedWithOneMarkDelivered() throws Exception {
        Recorder aliceSaw = new Recorder();
        ParleyClient alice = connect("alice", aliceSaw);
        ParleyClient bobFirst = connect("bob", new Recorder());
        String group = newGroup(alice, bobFirst);
        await().atMost(WAIT).until(() -> bobFirst.store().conversation(group).isPresent());
        bobFirst.close(); // bob has no live device now: the server records no delivery

        Recorder sent = new Recorder();
        alice.addListener(sent);
        for (int i = 1; i <= 3; i++) {
            alice.send(group, "while bob is away " + i);
        }
        await().atMost(WAIT).until(() -> sent.outbox.stream().filter(line -> line.startsWith("SENT")).count() == 3);
        assertThat(cursorOf(alice, group, bobFirst).map(MemberCursor::deliveredSeq).orElse(0L)).isZero();

        Recorder bobSaw = new Recorder();
        ParleyClient bob = connect(cloud.session("bob"), cloud.webSocketUrl, new InMemoryStore(), bobSaw, options -> { });
        await().atMost(WAIT).until(() -> bobSaw.in(group).size() == 3);

        await().atMost(WAIT).until(() -> cursorOf(alice, group, bob).map(MemberCursor::deliveredSeq).orElse(0L) == 3L);
        assertThat(aliceSaw.receipts).anyMatch(r -> r.userId().equals(bob.userId()) && r.deliveredSeq() == 3
                && r.deviceId() != null);
        await().atMost(WAIT).until(() -> bob.store().conversation(group).orElseThrow().deliveredSeq() == 3L);
        assertThat(bob.requestsSent("markDelivered")).isEqualTo(1);
        assertThat(bob.requestsSent("markRead")).isZero();
    }

    private static Optional<MemberCursor> cursorOf(ParleyClient holder, String conversationId, ParleyClient member) {
        return holder.store().receipts(conversationId).stream().filter(c -> c.userId().equals(member.userId())).findFirst();
    }
}
