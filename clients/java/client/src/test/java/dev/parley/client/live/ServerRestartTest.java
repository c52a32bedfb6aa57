package dev.parley.client.live;

import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.client.store.InMemoryStore;
import dev.parley.client.store.OutboxEntry;
import dev.parley.model.v1.HistoryReply;
import dev.parley.model.v1.MessageEvent;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server goes away in the middle of a send: it stored the message, and its reply is lost
 * with the connection; the gateway is unreachable for a while (a restart), then comes back.
 */
class ServerRestartTest extends LiveTest {

    @Test
    void aSendWhoseReplyIsLostInARestartIsStoredOnceAndTheOutboxDrains() throws Exception {
        Recorder aliceSaw = new Recorder();
        Recorder bobSaw = new Recorder();
        TcpProxy gateway = closeLater(new TcpProxy(cloud.gatewayPort()));
        ParleyClient alice = connect("alice", aliceSaw);
        ParleyClient bob = connect(cloud.session("bob"), cloud.webSocketUrlVia(gateway.port()), new InMemoryStore(), bobSaw,
                options -> { });
        String group = newGroup(alice, bob);
        await().atMost(WAIT).until(() -> bob.store().conversation(group).isPresent());

        // The sendMessage reply (a reply with the stored seq's sentAt, not a sync page) never reaches bob.
        gateway.goOfflineBeforeServerSends(bytes -> bytes.contains("\"sentAt\"") && bytes.contains("\"reply\"")
                && !bytes.contains("\"conversations\""));
        OutboxEntry inFlight = bob.send(group, "sent as the gateway restarts");
        await().atMost(WAIT).until(gateway::cut);
        await().atMost(WAIT).until(() -> bob.state() instanceof ConnectionState.Waiting);
        OutboxEntry queuedMeanwhile = bob.send(group, "typed while it was down");
        await().atMost(WAIT).until(() -> aliceSaw.in(group).size() == 1); // the server had stored it
        assertThat(bob.store().outbox()).extracting(OutboxEntry::clientMessageId)
                .containsExactly(inFlight.clientMessageId(), queuedMeanwhile.clientMessageId());

        gateway.online();
        bob.reconnectNow();
        await().atMost(WAIT).until(() -> bob.store().outbox().isEmpty() && aliceSaw.in(group).size() == 2);

        HistoryReply stored = alice.api().history(group, null, 50).get(30, TimeUnit.SECONDS);
        assertThat(stored.messages()).extracting(MessageEvent::clientMessageId)
                .containsExactly(inFlight.clientMessageId(), queuedMeanwhile.clientMessageId());
        assertThat(bobSaw.count("SENT " + inFlight.clientMessageId())).isEqualTo(1);
        assertThat(bobSaw.count("SENT " + queuedMeanwhile.clientMessageId())).isEqualTo(1);
        assertThat(bob.store().messages(group, 0, 10)).extracting(MessageEvent::seq).containsExactly(1L, 2L);
        assertThat(aliceSaw.in(group)).extracting(MessageEvent::text)
                .containsExactly("sent as the gateway restarts", "typed while it was down");
    }
}
