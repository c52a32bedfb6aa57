package dev.parley.client.sync;

import dev.parley.client.ParleyApi;
import dev.parley.client.ParleyListener;
import dev.parley.client.store.ParleyStore;
import dev.parley.client.store.StoredConversation;
import dev.parley.model.v1.ConversationActivityEvent;
import dev.parley.model.v1.ConversationSummary;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Keeps the stored summaries (title, role, tier, member count, post policy) as fresh as what the
 * device hears outside sync: the summary of an admin action's reply, a {@code getConversation}
 * after a {@code roleChanged} or {@code settingsChanged} event (neither carries the summary, and
 * neither makes sync list the conversation again), and a {@code conversationActivity} hint. It
 * writes on the sync engine's worker thread, so it never races a sync page over the same row,
 * and never takes {@code lastSeq} back.
 */
public final class Summaries {
    private final ParleyApi api;
    private final ParleyStore store;
    private final ScheduledExecutorService worker;
    private final ParleyListener out;
    private final Runnable requestSync;

    Summaries(ParleyApi api, ParleyStore store, ScheduledExecutorService worker, ParleyListener out, Runnable requestSync) {
        this.api = api;
        this.store = store;
        this.worker = worker;
        this.out = out;
        this.requestSync = requestSync;
    }

    /**
     * Stores the server's newer summary over the held one (members and cursors kept); a
     * conversation the device does not hold yet (joined by invite) comes complete by a sync.
     * Completes, with the summary, once the store has it.
     */
    public CompletableFuture<ConversationSummary> put(ConversationSummary fresh) {
        CompletableFuture<ConversationSummary> stored = new CompletableFuture<>();
        worker.execute(() -> {
            Optional<StoredConversation> held = store.conversation(fresh.conversationId());
            if (held.isPresent()) {
                StoredConversation was = held.get();
                long lastSeq = Math.max(fresh.lastSeq(), was.summary().lastSeq());
                store.putConversation(new StoredConversation(withLastSeq(fresh, lastSeq,
                        Math.max(fresh.lastActivityAt(), was.summary().lastActivityAt()), was.readSeq()),
                        was.members(), was.readSeq(), was.deliveredSeq(), was.muted()));
            } else {
                requestSync.run();
            }
            stored.complete(fresh);
        });
        return stored;
    }

    /** Asks the server for the conversation's summary (getConversation) and stores it. */
    public CompletableFuture<ConversationSummary> refresh(String conversationId) {
        return api.getConversation(conversationId).thenCompose(reply -> put(reply.conversation()));
    }

    /**
     * A large conversation this socket does not view has new messages: its held {@code lastSeq}
     * moves up to the event's (so the unread count the app computes from the store is right),
     * then the app hears of it. A conversation the device does not hold is synced.
     */
    void activity(ConversationActivityEvent event) {
        worker.execute(() -> {
            Optional<StoredConversation> held = store.conversation(event.conversationId());
            if (!held.isPresent()) {
                requestSync.run();
            } else if (event.seq() > held.get().summary().lastSeq()) {
                StoredConversation was = held.get();
                store.putConversation(new StoredConversation(withLastSeq(was.summary(), event.seq(),
                        was.summary().lastActivityAt(), was.readSeq()), was.members(), was.readSeq(), was.deliveredSeq(),
                        was.muted()));
            }
            out.onConversationActivity(event);
        });
    }

    private static ConversationSummary withLastSeq(ConversationSummary s, long lastSeq, long lastActivityAt, long readSeq) {
        return new ConversationSummary(s.conversationId(), s.kind(), s.title(), s.e2ee(), s.memberCount(), lastSeq,
                lastActivityAt, Math.max(0, lastSeq - readSeq), s.role(), s.tier(), s.postPolicy(), s.membersEpoch());
    }
}
