package dev.parley.client.live;

import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.client.store.InMemoryStore;
import dev.parley.client.store.OutboxEntry;
import dev.parley.model.v1.HistoryReply;
import dev.parley.model.v1.MessageEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A device that loses its network (a TCP relay cut under it) and comes back. */
class OfflineTest extends LiveTest {

    @Test
    void aDeviceOfflineFor100MessagesCatchesUpExactlyOnceAndInOrder() throws Exception {
        Recorder aliceSaw = new Recorder();
        Recorder bobSaw = new Recorder();
        TcpProxy network = closeLater(new TcpProxy(cloud.gatewayPort()));
        ParleyClient alice = connect("alice", aliceSaw);
        ParleyClient bob = connect(cloud.session("bob"), cloud.webSocketUrlVia(network.port()), new InMemoryStore(), bobSaw,
                options -> { });
        String group = newGroup(alice, bob);
        await().atMost(WAIT).until(() -> bob.store().cursors().containsKey(group));

        network.offline();
        await().atMost(WAIT).until(() -> bob.state() instanceof ConnectionState.Waiting);
        for (int i = 1; i <= 100; i++) {
            alice.send(group, "message " + i);
        }
        await().atMost(WAIT).until(() -> alice.store().outbox().isEmpty());
        assertThat(bobSaw.in(group)).isEmpty();

        network.online();
        await().atMost(WAIT).until(() -> bobSaw.in(group).size() >= 100 && bob.store().cursors().get(group) == 100L);

        List<MessageEvent> caughtUp = bobSaw.in(group);
        assertThat(seqs(caughtUp)).containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(texts(caughtUp)).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 100).mapToObj(i -> "message " + i).collect(Collectors.toList()));
        assertThat(bob.store().messages(group, 0, 1000)).hasSize(100);
    }

    @Test
    void aMessageQueuedOfflineIsSentOnceAfterTheReconnect() throws Exception {
        Recorder aliceSaw = new Recorder();
        Recorder bobSaw = new Recorder();
        TcpProxy network = closeLater(new TcpProxy(cloud.gatewayPort()));
        ParleyClient alice = connect("alice", aliceSaw);
        ParleyClient bob = connect(cloud.session("bob"), cloud.webSocketUrlVia(network.port()), new InMemoryStore(), bobSaw,
                options -> { });
        String group = newGroup(alice, bob);

        network.offline();
        await().atMost(WAIT).until(() -> bob.state() instanceof ConnectionState.Waiting);
        OutboxEntry queued = bob.send(group, "typed in a tunnel");
        assertThat(bob.store().outbox()).extracting(OutboxEntry::clientMessageId).containsExactly(queued.clientMessageId());

        network.online();
        await().atMost(WAIT).until(() -> bobSaw.count("SENT " + queued.clientMessageId()) == 1 && aliceSaw.in(group).size() == 1);

        HistoryReply stored = alice.api().history(group, null, 50).get(30, TimeUnit.SECONDS);
        assertThat(stored.messages()).extracting(MessageEvent::clientMessageId).containsExactly(queued.clientMessageId());
        assertThat(aliceSaw.in(group)).extracting(MessageEvent::text).containsExactly("typed in a tunnel");
        assertThat(bob.store().outbox()).isEmpty();
        assertThat(bobSaw.in(group)).extracting(MessageEvent::seq).containsExactly(1L);
    }
}
