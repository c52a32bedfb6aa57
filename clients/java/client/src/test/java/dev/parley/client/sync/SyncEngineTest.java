package dev.parley.client.sync;

import dev.parley.client.ParleyApi;
import dev.parley.model.ProtocolCodec;
import dev.parley.client.ParleyListener;
import dev.parley.client.Requester;
import dev.parley.client.connection.Backoff;
import dev.parley.client.store.InMemoryStore;
import dev.parley.client.store.StoredConversation;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.MemberCursor;
import dev.parley.model.v1.SyncReply;
import dev.parley.model.v1.SyncedConversation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How a sync page lands on what the device already knows. */
class SyncEngineTest {
    private static final String DIRECT = "d_0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
    private final InMemoryStore store = new InMemoryStore();
    private final AtomicInteger syncs = new AtomicInteger();

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    @Test
    void aPageReadBeforeMySendWasStoredDoesNotTakeItsTicksOrMyCursorsBack() {
        ConversationSummary summary = new ConversationSummary(DIRECT, "direct", null, false, 2, 1, 1001, 0, null);
        // The send's reply said bob's phone got seq 1, and sending moved my own cursors to it.
        store.putConversation(new StoredConversation(summary, List.of("me", "bob"), 1, 1, false));
        store.putReceipt(DIRECT, new MemberCursor("bob", 0, 1));
        // A sync the server answered just before the send was stored.
        ConversationSummary older = new ConversationSummary(DIRECT, "direct", null, false, 2, 0, 0, 0, null);
        SyncReply stale = new SyncReply(List.of(new SyncedConversation(older, List.of("me", "bob"), List.of(), false,
                0, 0, false, List.of(new MemberCursor("bob", 0, 0)))), List.of(), false, "token-1", null);
        ParleyApi api = new ParleyApi(new Requester() {
            @Override
            public <T> CompletableFuture<T> request(String action, Object fields, Class<T> replyType) {
                syncs.incrementAndGet();
                // The engine asks for the raw reply (an E2EE cipher reads per-device fields of it).
                return CompletableFuture.completedFuture(ProtocolCodec.instance().mapper().convertValue(stale, replyType));
            }
        });
        SyncEngine sync = new SyncEngine(api, store, new ParleyListener() { }, worker,
                new Backoff(10, 100, new Random()), "me", 50, message -> { }, () -> { });

        sync.connected();

        await().until(() -> store.syncToken().isPresent());
        assertThat(syncs).hasValue(1);
        assertThat(store.receipts(DIRECT)).containsExactly(new MemberCursor("bob", 0, 1));
        StoredConversation held = store.conversation(DIRECT).orElseThrow();
        assertThat(held.readSeq()).isEqualTo(1);
        assertThat(held.deliveredSeq()).isEqualTo(1);
    }
}
