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

    /** Alice online; bob behind a relay the test can cut; a group of their own. */
    private record Pair(Recorder aliceSaw, Recorder bobSaw, TcpProxy network, ParleyClient alice, ParleyClient bob,
                        String group) {
    }

    private Pair pair() throws Exception {
        Recorder aliceSaw = new Recorder();
        Recorder bobSaw = new Recorder();
        TcpProxy network = closeLater(new TcpProxy(cloud.gatewayPort()));
        ParleyClient alice = connect("alice", aliceSaw);
        ParleyClient bob = connect(cloud.session("bob"), cloud.webSocketUrlVia(network.port()), new InMemoryStore(), bobSaw,
                options -> { });
        return new Pair(aliceSaw, bobSaw, network, alice, bob, newGroup(alice, bob));
    }

    @Test
    void aDeviceOfflineFor100MessagesCatchesUpExactlyOnceAndInOrder() throws Exception {
        Pair p = pair();
        String group = p.group();
        await().atMost(WAIT).until(() -> p.bob().store().cursors().containsKey(group));

        p.network().offline();
        await().atMost(WAIT).until(() -> p.bob().state() instanceof ConnectionState.Waiting);
        for (int i = 1; i <= 100; i++) {
            p.alice().send(group, "message " + i);
        }
        await().atMost(WAIT).until(() -> p.alice().store().outbox().isEmpty());
        assertThat(p.bobSaw().in(group)).isEmpty();

        p.network().online();
        await().atMost(WAIT).until(() -> p.bobSaw().in(group).size() >= 100 && p.bob().store().cursors().get(group) == 100L);

        List<MessageEvent> caughtUp = p.bobSaw().in(group);
        assertThat(seqs(caughtUp)).containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(texts(caughtUp)).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 100).mapToObj(i -> "message " + i).collect(Collectors.toList()));
        assertThat(p.bob().store().messages(group, 0, 1000)).hasSize(100);
    }

    @Test
    void aMessageQueuedOfflineIsSentOnceAfterTheReconnect() throws Exception {
        Pair p = pair();
        String group = p.group();

        p.network().offline();
        await().atMost(WAIT).until(() -> p.bob().state() instanceof ConnectionState.Waiting);
        OutboxEntry queued = p.bob().send(group, "typed in a tunnel");
        assertThat(p.bob().store().outbox()).extracting(OutboxEntry::clientMessageId).containsExactly(queued.clientMessageId());

        p.network().online();
        await().atMost(WAIT).until(() -> p.bobSaw().count("SENT " + queued.clientMessageId()) == 1 && p.aliceSaw().in(group).size() == 1);

        HistoryReply stored = p.alice().api().history(group, null, 50).get(30, TimeUnit.SECONDS);
        assertThat(stored.messages()).extracting(MessageEvent::clientMessageId).containsExactly(queued.clientMessageId());
        assertThat(p.aliceSaw().in(group)).extracting(MessageEvent::text).containsExactly("typed in a tunnel");
        assertThat(p.bob().store().outbox()).isEmpty();
        assertThat(p.bobSaw().in(group)).extracting(MessageEvent::seq).containsExactly(1L);
    }
}
