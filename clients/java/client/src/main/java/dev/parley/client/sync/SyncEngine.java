package dev.parley.client.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.ParleyApi;
import dev.parley.client.ParleyException;
import dev.parley.client.connection.Backoff;
import dev.parley.client.ParleyListener;
import dev.parley.client.store.ParleyStore;
import dev.parley.client.store.StoredConversation;
import dev.parley.model.ErrorCode;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ConversationActivityEvent;
import dev.parley.model.v1.ConversationEvent;
import dev.parley.model.v1.MemberCursor;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.ReceiptEvent;
import dev.parley.model.v1.SyncReply;
import dev.parley.model.v1.SyncRequest;
import dev.parley.model.v1.SyncedConversation;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the store equal to the server: a sync from the stored cursors and token on every
 * connect, paged until done (docs/protocol/sync.md#paging-how-a-client-syncs); live events
 * applied as they come; a seq gap, or a message of a conversation the device does not know,
 * triggers another sync. Every message reaches the store, and the app's {@code onMessage},
 * once per (conversationId, seq). All of it runs on the {@code worker} thread.
 */
public final class SyncEngine {
    private static final Logger LOG = Logger.getLogger(SyncEngine.class.getName());

    private final ParleyApi api;
    private final ParleyStore store;
    private final ParleyListener out;
    private final ScheduledExecutorService worker;
    private final Backoff retryBackoff;
    private final String userId;
    private final int pageLimit;
    private final Consumer<MessageEvent> onHeld;
    private final Runnable onSynced;
    private final Inbound inbound;
    private final Summaries summaries;
    /** Seqs counted as held though the store has no message for them ("conversationId#seq"): skipped or undecryptable. */
    private final Set<String> skipped = new HashSet<>();

    /** Conversations whose messages from others came in by sync since the last markDelivered: the device must acknowledge them. */
    private final Set<String> arrivedBySync = new HashSet<>();
    private boolean connected;
    private boolean running;
    private boolean again;
    private int epoch;
    private int failures;

    /**
     * @param onHeld   called with every message the store holds after it arrives (new or not): the outbox reconciles with it
     * @param onSynced called after each completed sync
     */
    public SyncEngine(ParleyApi api, ParleyStore store, ParleyListener out, ScheduledExecutorService worker, Backoff retryBackoff, String userId, int pageLimit,
                      Consumer<MessageEvent> onHeld, Runnable onSynced) {
        this(api, store, out, worker, retryBackoff, userId, pageLimit, onHeld, onSynced, null);
    }

    /** @param inbound opens E2EE messages (null: every message is held as it came) */
    public SyncEngine(ParleyApi api, ParleyStore store, ParleyListener out, ScheduledExecutorService worker, Backoff retryBackoff, String userId, int pageLimit,
                      Consumer<MessageEvent> onHeld, Runnable onSynced, Inbound inbound) {
        this.inbound = inbound;
        this.api = api;
        this.store = store;
        this.out = out;
        this.worker = worker;
        this.retryBackoff = retryBackoff;
        this.userId = userId;
        this.pageLimit = pageLimit;
        this.onHeld = onHeld;
        this.onSynced = onSynced;
        this.summaries = new Summaries(api, store, worker, out, this::requestSync);
    }

    /** The stored summaries' updates from outside sync (admin replies, role and settings changes, activity hints). */
    public Summaries summaries() {
        return summaries;
    }

    /** A {@code conversationActivity} event: the held lastSeq moves up, then the app hears of it. */
    public void activity(ConversationActivityEvent event) {
        summaries.activity(event);
    }

    public void connected() {
        worker.execute(() -> {
            connected = true;
            epoch++;
            running = false;
            requestSync();
        });
    }

    public void disconnected() {
        worker.execute(() -> {
            connected = false;
            epoch++;
            running = false;
        });
    }

    /** Syncs now, or right after the sync in progress. */
    public void requestSync() {
        worker.execute(() -> {
            if (!connected) {
                return;
            }
            if (running) {
                again = true;
                return;
            }
            running = true;
            again = false;
            page(store.syncToken().orElse(null), epoch);
        });
    }

    private void page(String since, int mine) {
        Map<String, Long> cursors = store.cursors();
        // The raw reply: an E2EE message's per-device fields (senderDeviceNum, envelopeType, ...) are the cipher's to read.
        api.request(Actions.SYNC, new SyncRequest(cursors.isEmpty() ? null : cursors, since, pageLimit), ObjectNode.class)
                .whenCompleteAsync((raw, error) -> {
            if (mine != epoch) {
                return;
            }
            if (error != null) {
                running = false;
                Throwable cause = ParleyException.unwrap(error);
                if (cause instanceof ParleyException.ConnectionLost) {
                    return; // the next connect syncs
                }
                String stale = staleConversation(cause);
                if (stale != null) {
                    // The device holds messages the server never stored (docs/protocol/sync.md): start that one afresh.
                    LOG.warning("dropping the local copy of " + stale + ": " + cause.getMessage());
                    store.removeConversation(stale);
                    requestSync();
                    return;
                }
                // Retryable or not, a device that cannot sync must keep trying: sync is the source of truth.
                long delay = retryBackoff.delayMillis(++failures);
                LOG.log(Level.WARNING, "sync failed; retrying in " + delay + " ms", cause);
                worker.schedule(this::requestSync, delay, TimeUnit.MILLISECONDS);
                return;
            }
            failures = 0;
            SyncReply reply;
            try {
                reply = ProtocolCodec.instance().mapper().treeToValue(raw, SyncReply.class);
            } catch (Exception e) {
                running = false;
                long delay = retryBackoff.delayMillis(++failures);
                LOG.log(Level.WARNING, "a malformed sync reply; retrying in " + delay + " ms", e);
                worker.schedule(this::requestSync, delay, TimeUnit.MILLISECONDS);
                return;
            }
            boolean more = reply.hasMore();
            JsonNode rawConversations = raw.path("conversations");
            for (int i = 0; i < reply.conversations().size(); i++) {
                SyncedConversation synced = reply.conversations().get(i);
                apply(synced, rawConversations.path(i).path("messages"), cursors.get(synced.conversation().conversationId()));
                more |= synced.hasMore() && cursors.containsKey(synced.conversation().conversationId());
            }
            if (reply.removed() != null) {
                reply.removed().forEach(store::removeConversation);
            }
            if (more) {
                page(since, mine);
                return;
            }
            store.setSyncToken(reply.syncToken());
            running = false;
            acknowledgeDelivery();
            onSynced.run();
            out.onSynced();
            if (again) {
                requestSync();
            }
        }, worker);
    }

    /**
     * Cursors and receipts only move forward: a page read before one of my sends was stored can
     * arrive after the send's reply and its receipts, and must not take a tick back.
     */
    private void apply(SyncedConversation synced, JsonNode rawMessages, Long cursorSent) {
        String id = synced.conversation().conversationId();
        Optional<StoredConversation> held = store.conversation(id);
        store.putConversation(new StoredConversation(synced.conversation(), synced.members(),
                Math.max(synced.readSeq(), held.map(StoredConversation::readSeq).orElse(0L)),
                Math.max(synced.deliveredSeq(), held.map(StoredConversation::deliveredSeq).orElse(0L)), synced.muted()));
        if (synced.receipts() != null) {
            synced.receipts().forEach(receipt -> memberCursors(
                    new ReceiptEvent(id, receipt.userId(), null, receipt.readSeq(), receipt.deliveredSeq(), null)));
        }
        List<MessageEvent> messages = synced.messages() == null ? List.of() : synced.messages();
        if (cursorSent == null && !store.cursors().containsKey(id)) {
            // New to the device: the newest page; older ones are history, not sync.
            long newest = messages.isEmpty() ? 0 : messages.get(messages.size() - 1).seq();
            store.setCursor(id, newest);
        }
        for (int i = 0; i < messages.size(); i++) {
            MessageEvent message = messages.get(i);
            if (!userId.equals(message.senderId()) && message.seq() > synced.deliveredSeq()) {
                arrivedBySync.add(id);
            }
            hold(message, rawMessages.path(i) instanceof ObjectNode node ? node : null);
        }
    }

    /**
     * One markDelivered per conversation for what sync brought, up to the highest seq held
     * without a gap (docs/protocol/sync.md#receipts-markdelivered-and-markread). Live messages
     * need none: the server recorded their delivery when its post to this device succeeded, and
     * the sync reply's deliveredSeq already covers them.
     */
    private void acknowledgeDelivery() {
        for (String id : arrivedBySync) {
            Long held = store.cursors().get(id);
            Optional<StoredConversation> conversation = store.conversation(id);
            if (held != null && held > 0 && conversation.isPresent() && held > conversation.get().deliveredSeq()) {
                api.markDelivered(id, held).whenCompleteAsync((reply, error) -> {
                    if (error != null) {
                        // The next sync's deliveredSeq still lags, so the next sync sends it again.
                        LOG.log(Level.FINE, "markDelivered for " + id + " failed", error);
                    } else {
                        ownCursors(reply.conversationId(), reply.readSeq(), reply.deliveredSeq());
                    }
                }, worker);
            }
        }
        arrivedBySync.clear();
    }

    /** A live message event, with its JSON as the server sent it (null: plaintext as typed). */
    public void liveMessage(MessageEvent message, ObjectNode raw) {
        worker.execute(() -> holdAndCheck(message, raw));
    }

    public void liveMessage(MessageEvent message) {
        liveMessage(message, null);
    }

    /**
     * A message the server stored for the user's own send (from the sendMessage reply). Runs at
     * once: call it on the worker thread, so the outbox sees the entry gone before its next drain.
     */
    public void ownMessageStored(MessageEvent message, List<String> deliveredTo) {
        holdAndCheck(message, null);
        // Sending moves the sender's own readSeq to the message (docs/protocol/sync.md).
        moveOwnCursors(message.conversationId(), message.seq(), 0);
        if (deliveredTo != null) {
            for (String member : deliveredTo) {
                memberCursors(new ReceiptEvent(message.conversationId(), member, null, 0, message.seq(), null));
            }
        }
    }

    private void holdAndCheck(MessageEvent message, ObjectNode raw) {
        Long cursor = store.cursors().get(message.conversationId());
        boolean gap = cursor == null || message.seq() > cursor + 1;
        if (gap && raw != null && message.alg() != null) {
            // An E2EE message is opened in seq order only: one before it may carry the sender key it needs
            // (and a ratchet decrypts once). The sync this gap asks for brings it in order.
            requestSync();
            return;
        }
        hold(message, raw);
        if (gap) {
            requestSync();
        }
    }

    /** Stores the message once, tells the app once, and moves the cursor over what is now contiguous. */
    private void hold(MessageEvent received, ObjectNode raw) {
        String id = received.conversationId();
        Optional<MessageEvent> opened = inbound == null ? Optional.of(received) : inbound.open(received, raw);
        if (!opened.isPresent()) {
            skipped.add(id + "#" + received.seq());
            advanceCursor(id, received.seq());
            return;
        }
        MessageEvent message = opened.get();
        if (store.putMessage(message)) {
            out.onMessage(message);
            if (!userId.equals(message.senderId())) {
                // Its sender has read up to it: sending moved their readSeq, and no receipt event says so.
                memberCursors(new ReceiptEvent(id, message.senderId(), null, message.seq(), message.seq(), null));
            }
        }
        advanceCursor(id, message.seq());
        onHeld.accept(message);
    }

    private void advanceCursor(String id, long seq) {
        Long cursor = store.cursors().get(id);
        if (cursor != null && seq > cursor) {
            long next = cursor;
            while (store.hasMessage(id, next + 1) || skipped.remove(id + "#" + (next + 1))) {
                next++;
            }
            if (next != cursor) {
                store.setCursor(id, next);
            }
        }
    }

    /**
     * A receipt event; its {@code deviceId} is absent when the server recorded a delivery itself.
     * Cursors only move forward: an event that arrives after a newer one changes nothing.
     */
    public void receipt(ReceiptEvent event) {
        worker.execute(() -> {
            if (userId.equals(event.userId())) {
                moveOwnCursors(event.conversationId(), event.readSeq(), event.deliveredSeq());
                out.onReceipt(event);
            } else {
                memberCursors(event);
            }
        });
    }

    /** Another member's cursors, merged forward into the store; the app hears of it only when they moved. */
    private void memberCursors(ReceiptEvent event) {
        MemberCursor was = store.receipts(event.conversationId()).stream()
                .filter(cursor -> cursor.userId().equals(event.userId())).findFirst()
                .orElse(new MemberCursor(event.userId(), 0, 0));
        long read = Math.max(was.readSeq(), event.readSeq());
        long delivered = Math.max(Math.max(was.deliveredSeq(), event.deliveredSeq()), read);
        if (read == was.readSeq() && delivered == was.deliveredSeq()) {
            return;
        }
        store.putReceipt(event.conversationId(), new MemberCursor(event.userId(), read, delivered));
        out.onReceipt(new ReceiptEvent(event.conversationId(), event.userId(), event.deviceId(), read, delivered,
                event.unreadCount()));
    }

    /** The user's own cursors moved by a markRead/markDelivered reply. */
    public void ownCursors(String conversationId, long readSeq, long deliveredSeq) {
        worker.execute(() -> moveOwnCursors(conversationId, readSeq, deliveredSeq));
    }

    private void moveOwnCursors(String conversationId, long readSeq, long deliveredSeq) {
        store.conversation(conversationId).ifPresent(held -> {
            long read = Math.max(held.readSeq(), readSeq);
            long delivered = Math.max(Math.max(held.deliveredSeq(), deliveredSeq), read);
            if (read != held.readSeq() || delivered != held.deliveredSeq()) {
                store.putConversation(new StoredConversation(held.summary(), held.members(), read, delivered, held.muted()));
            }
        });
    }

    /**
     * A {@code roleChanged} or {@code settingsChanged} event reaches the app once the store holds
     * the new summary: neither carries it nor makes sync list the conversation again, so a
     * getConversation fetches it (the app hears of the event even when that fails).
     */
    public void conversationEvent(ConversationEvent event) {
        worker.execute(() -> {
            boolean meGone = ("removed".equals(event.change()) || "left".equals(event.change()))
                    && event.members() != null && event.members().contains(userId);
            if (meGone) {
                store.removeConversation(event.conversationId());
            } else if ("roleChanged".equals(event.change()) || "settingsChanged".equals(event.change())) {
                summaries.refresh(event.conversationId()).whenCompleteAsync((summary, error) -> {
                    if (error != null) {
                        LOG.log(Level.FINE, "refreshing " + event.conversationId() + " failed", error);
                    }
                    out.onConversation(event);
                }, worker);
                return;
            } else {
                Optional<StoredConversation> held = store.conversation(event.conversationId());
                if (held.isPresent() && event.conversation() != null) {
                    StoredConversation was = held.get();
                    store.putConversation(new StoredConversation(event.conversation(), was.members(), was.readSeq(),
                            was.deliveredSeq(), was.muted()));
                }
                // Membership and new conversations come complete through sync.
                requestSync();
            }
            out.onConversation(event);
        });
    }

    private static final Pattern PAST_LAST_SEQ = Pattern.compile("for ([dg]_[0-9a-f]+) is past the conversation's last seq");

    private static String staleConversation(Throwable cause) {
        if (cause instanceof ParleyException.ServerError error && error.code() == ErrorCode.BAD_REQUEST) {
            Matcher matcher = PAST_LAST_SEQ.matcher(error.serverMessage());
            return matcher.find() ? matcher.group(1) : null;
        }
        return null;
    }

}
