package dev.parley.client.sync;

import dev.parley.client.store.ParleyStore;
import dev.parley.client.store.StoredConversation;
import dev.parley.model.v1.ReceiptReply;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Read receipts, coalesced as the web client does (clients/web/src/app/reads.js): while the user
 * looks at a conversation, one {@code markRead} for the newest seq held once no message arrived
 * for the debounce, not one per message. Each {@link #seen} restarts the conversation's wait.
 * Runs on the {@code worker} thread.
 */
public final class ReadMarker {
    private static final Logger LOG = Logger.getLogger(ReadMarker.class.getName());

    private final ParleyStore store;
    private final ScheduledExecutorService worker;
    private final long debounceMillis;
    private final BiFunction<String, Long, CompletableFuture<ReceiptReply>> markRead;
    private final Map<String, ScheduledFuture<?>> pending = new HashMap<>();

    public ReadMarker(ParleyStore store, ScheduledExecutorService worker, long debounceMillis,
                      BiFunction<String, Long, CompletableFuture<ReceiptReply>> markRead) {
        this.store = store;
        this.worker = worker;
        this.debounceMillis = debounceMillis;
        this.markRead = markRead;
    }

    /** The user saw the conversation now. */
    public void seen(String conversationId) {
        worker.execute(() -> {
            ScheduledFuture<?> waiting = pending.remove(conversationId);
            if (waiting != null) {
                waiting.cancel(false);
            }
            pending.put(conversationId, worker.schedule(() -> quiet(conversationId), debounceMillis, TimeUnit.MILLISECONDS));
        });
    }

    private void quiet(String conversationId) {
        pending.remove(conversationId);
        long held = store.cursors().getOrDefault(conversationId, 0L);
        long read = store.conversation(conversationId).map(StoredConversation::readSeq).orElse(0L);
        if (held > read) {
            markRead.apply(conversationId, held).whenComplete((reply, error) -> {
                if (error != null) {
                    // The read cursor stays behind; the next time the user looks, it is sent again.
                    LOG.log(Level.FINE, "markRead for " + conversationId + " failed", error);
                }
            });
        }
    }
}
