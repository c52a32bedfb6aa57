package dev.parley.client.live;

import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyException;
import dev.parley.client.store.OutboxEntry;
import dev.parley.model.ErrorCode;
import dev.parley.model.v1.HistoryReply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

class ChatTest extends LiveTest {

    @Test
    void twoUsersChatThroughTheirOutboxesAndStores() throws Exception {
        Recorder aliceSaw = new Recorder();
        Recorder bobSaw = new Recorder();
        ParleyClient alice = connect("alice", aliceSaw);
        ParleyClient bob = connect("bob", bobSaw);
        String group = newGroup(alice, bob);

        OutboxEntry hello = alice.send(group, "hello there");
        await().atMost(WAIT).until(() -> bobSaw.in(group).size() == 1);
        OutboxEntry reply = bob.send(group, "hi back");
        await().atMost(WAIT).until(() -> aliceSaw.in(group).size() == 2 && bobSaw.in(group).size() == 2);

        assertThat(texts(aliceSaw.in(group))).containsExactly("hello there", "hi back");
        assertThat(texts(bobSaw.in(group))).containsExactly("hello there", "hi back");
        assertThat(seqs(bobSaw.in(group))).containsExactly(1L, 2L);
        assertThat(bobSaw.in(group).get(0).clientMessageId()).isEqualTo(hello.clientMessageId());
        assertThat(bobSaw.in(group).get(0).senderId()).isEqualTo(alice.userId());
        assertThat(aliceSaw.outbox).containsExactly("ADDED " + hello.clientMessageId(), "SENT " + hello.clientMessageId());
        assertThat(bobSaw.outbox).containsExactly("ADDED " + reply.clientMessageId(), "SENT " + reply.clientMessageId());
        assertThat(alice.store().outbox()).isEmpty();
        assertThat(alice.store().cursors()).containsEntry(group, 2L);
        await().atMost(WAIT).until(() -> bob.store().cursors().getOrDefault(group, 0L) == 2L);
        assertThat(texts(bob.store().messages(group, 0, 10))).containsExactly("hello there", "hi back");
    }

    @Test
    void serverErrorsReachTheCallerTypedWithTheServersMessage() throws Exception {
        ParleyClient alice = connect("alice", new Recorder());

        Throwable refused = catchThrowable(() -> alice.api().history("g_00000000000000000000000000000000", null, 10)
                .get(30, TimeUnit.SECONDS));

        assertThat(refused).isInstanceOf(ExecutionException.class);
        ParleyException.ServerError error = (ParleyException.ServerError) refused.getCause();
        assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(error.retryable()).isFalse();
        assertThat(error.serverMessage()).isNotBlank();
    }

    @Test
    void aMessageTheServerRefusesForGoodIsStuckWithItsReasonAndDoesNotBlockTheNext() throws Exception {
        Recorder aliceSaw = new Recorder();
        ParleyClient alice = connect("alice", aliceSaw);
        ParleyClient bob = connect("bob", new Recorder());
        String group = newGroup(alice, bob);

        OutboxEntry tooLarge = alice.send(group, "x".repeat(17 * 1024));
        OutboxEntry next = alice.send(group, "after the big one");

        await().atMost(WAIT).until(() -> aliceSaw.count("SENT " + next.clientMessageId()) == 1);
        List<OutboxEntry> left = alice.store().outbox();
        assertThat(left).hasSize(1);
        assertThat(left.get(0).clientMessageId()).isEqualTo(tooLarge.clientMessageId());
        assertThat(left.get(0).status()).isEqualTo(OutboxEntry.Status.STUCK);
        assertThat(left.get(0).stuck().code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(aliceSaw.outbox).contains("STUCK " + tooLarge.clientMessageId());
        HistoryReply history = alice.api().history(group, null, 10).get(30, TimeUnit.SECONDS);
        assertThat(texts(history.messages())).containsExactly("after the big one");
    }
}
