package dev.parley.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.auth.Session;
import dev.parley.client.cipher.MessageCipher;
import dev.parley.client.connection.Backoff;
import dev.parley.client.connection.ConnectionManager;
import dev.parley.client.connection.PendingRequests;
import dev.parley.client.outbox.Outbox;
import dev.parley.client.store.Attachment;
import dev.parley.client.store.OutboxEntry;
import dev.parley.client.store.ParleyStore;
import dev.parley.client.sync.History;
import dev.parley.client.sync.Inbound;
import dev.parley.client.sync.ReadMarker;
import dev.parley.client.sync.SyncEngine;
import dev.parley.model.Limits;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.HistoryReply;
import dev.parley.model.v1.MemberInfo;
import dev.parley.model.v1.MediaFailedEvent;
import dev.parley.model.v1.MediaReadyEvent;
import dev.parley.model.v1.ReadCountsReply;
import dev.parley.model.v1.ReceiptReply;
import dev.parley.model.v1.ViewConversationReply;
import okhttp3.OkHttpClient;

import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A signed-in user's device, connected to Parley: the SDK's entry point. It connects and
 * reconnects by itself ({@link #start}), syncs the {@link ParleyStore} on every connect, sends
 * through a persistent outbox ({@link #send}), and tells the app through {@link ParleyListener}s
 * and connection states. Raw requests for every action are on {@link #api()}.
 */
public final class ParleyClient implements AutoCloseable {
    private final Options options;
    private final ParleyStore store;
    private final Session session;
    private final ScheduledExecutorService loop;
    private final ScheduledExecutorService worker;
    private final PendingRequests pending;
    private final ConnectionManager connection;
    private final Listeners listeners = new Listeners();
    private final ParleyApi api;
    private final SyncEngine sync;
    private final History history;
    private volatile MessageCipher cipher = MessageCipher.NONE;
    private final Outbox outbox;
    private final EventRouter router;
    private final ReadMarker reads;
    private final TypingSender typing;
    private final Members members;
    private final ConversationViewer viewer;
    private final Map<String, LongAdder> requestsSent = new ConcurrentHashMap<>();
    private volatile long lastSentAt;
    private ScheduledFuture<?> pinger;

    private ParleyClient(Options options) {
        this.options = options;
        this.store = options.store;
        this.session = options.session;
        this.loop = singleThread("parley-connection-" + options.deviceId);
        this.worker = singleThread("parley-worker-" + options.deviceId);
        this.pending = new PendingRequests("r", loop, options.requestTimeoutMillis);
        this.api = new ParleyApi(this::request);
        String userId = session.userId();
        Backoff retryBackoff = new Backoff(options.backoff.windowMillis(1), options.backoff.windowMillis(6),
                new java.util.Random());
        this.outbox = new Outbox(api, store, listeners, worker, retryBackoff, userId, options.deviceId,
                (message, deliveredTo) -> this.sync().ownMessageStored(message, deliveredTo), options.http,
                options.mediaReadyTimeoutMillis);
        outbox.cipher(() -> cipher);
        Inbound inbound = new Inbound(store, () -> cipher, options.deviceId, outbox::text);
        this.sync = new SyncEngine(api, store, listeners, worker, retryBackoff, userId, options.syncPageLimit,
                outbox::held, outbox::synced, inbound);
        this.history = new History(api, store, inbound, worker);
        listeners.add(new ParleyListener() {
            @Override
            public void onMediaReady(MediaReadyEvent event) {
                outbox.mediaReady(event);
            }

            @Override
            public void onMediaFailed(MediaFailedEvent event) {
                outbox.mediaFailed(event);
            }
        });
        this.router = new EventRouter(pending, sync, listeners);
        this.typing = new TypingSender(api, () -> this.state() instanceof ConnectionState.Connected,
                System::currentTimeMillis);
        this.members = new Members(api);
        this.viewer = new ConversationViewer(api, worker, Limits.VIEW_DEFAULT_TTL_SECONDS);
        this.reads = new ReadMarker(store, worker, options.readDebounceMillis, this::markRead);
        this.connection = new ConnectionManager(options.http, options.webSocketUrl, options.deviceId, options.platform,
                session, options.backoff, loop, new ConnectionManager.Handler() {
                    @Override
                    public void onOpen() {
                        lastSentAt = System.currentTimeMillis();
                        sync.connected();
                        viewer.connected();
                    }

                    @Override
                    public void onText(String text) {
                        router.onText(text);
                    }

                    @Override
                    public void onClosed(String why) {
                        pending.failAll("the connection closed: " + why);
                        sync.disconnected();
                        outbox.disconnected();
                    }
                });
    }

    private SyncEngine sync() {
        return sync;
    }

    public static Options options(String webSocketUrl, String deviceId, Session session, ParleyStore store) {
        return new Options(webSocketUrl, deviceId, session, store);
    }

    /** Starts connecting; from here on the client reconnects by itself until {@link #close} or a sign-out. */
    public ParleyClient start() {
        connection.start();
        long check = Math.max(50, options.pingIntervalMillis / 10);
        pinger = loop.scheduleWithFixedDelay(this::pingIfQuiet, check, check, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Queues a text message for the conversation and returns it at once (for the app's local
     * echo); the outbox sends it as soon as it can, exactly once. Watch
     * {@link ParleyListener#onOutboxChanged} for SENT or STUCK.
     */
    public OutboxEntry send(String conversationId, String text) {
        return send(conversationId, text, null, null);
    }

    public OutboxEntry send(String conversationId, String text, Long replyToSeq, List<String> mediaIds) {
        return outbox.enqueue(conversationId, text, replyToSeq, mediaIds, null);
    }

    /**
     * Queues a message with a file: the outbox uploads it (requestUpload, the form's POST, the
     * wait for {@code mediaReady}), then sends the message naming it, in the conversation's order.
     * The file must stay at {@code path} until the entry is SENT or discarded. A refused upload
     * makes the entry STUCK with processing's code (e.g. TYPE_MISMATCH) and reason.
     *
     * @param caption null for none
     */
    public OutboxEntry sendFile(String conversationId, String caption, File file, String contentType) {
        return outbox.enqueue(conversationId, caption, null, null,
                new Attachment(file.getAbsolutePath(), contentType));
    }

    /**
     * Installs the cipher of E2EE conversations (parley-client-signal's {@code E2eeClient.attach}
     * does); plaintext conversations never use it. Install it before {@link #start}.
     */
    public void useCipher(MessageCipher cipher) {
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    /**
     * A page of older messages (oldest first), as the app should see them: E2EE messages
     * decrypted (and kept in the store: a ciphertext decrypts once), skipped or undecryptable
     * ones left out. {@code api().history} is the raw request.
     */
    public CompletableFuture<HistoryReply> history(String conversationId, Long beforeSeq, Integer limit) {
        return history.page(conversationId, beforeSeq, limit);
    }

    /** Puts a STUCK outbox entry back in line. */
    public void retry(String clientMessageId) {
        outbox.retry(clientMessageId);
    }

    /** Removes an outbox entry the app gave up on. */
    public void discard(String clientMessageId) {
        outbox.discard(clientMessageId);
    }

    /** Marks the conversation read up to {@code upToSeq} (1 to its last seq) and keeps the user's cursors in the store. */
    public CompletableFuture<ReceiptReply> markRead(String conversationId, long upToSeq) {
        return api.markRead(conversationId, upToSeq).thenApply(reply -> {
            sync.ownCursors(reply.conversationId(), reply.readSeq(), reply.deliveredSeq());
            return reply;
        });
    }

    /**
     * "Read by N" for messages of a large group (a small one has per-member receipts instead, in the
     * store's cursors; the server refuses it with BAD_REQUEST). Any number of distinct seqs: requests of
     * {@value Limits#MAX_READ_COUNT_SEQS}, sent together. A future fails with a {@link ParleyException}
     * (NOT_FOUND when the user is not a member).
     *
     * @throws IllegalArgumentException when {@code seqs} is empty or holds a seq below 1
     */
    public CompletableFuture<ReadCounts> readCounts(String conversationId, Collection<Long> seqs) {
        List<Long> asked = seqs.stream().distinct().collect(Collectors.toList());
        if (asked.isEmpty() || asked.stream().anyMatch(seq -> seq == null || seq < 1)) {
            throw new IllegalArgumentException("ask for at least one seq, each at least 1");
        }
        List<CompletableFuture<ReadCountsReply>> replies = new ArrayList<>();
        for (int from = 0; from < asked.size(); from += Limits.MAX_READ_COUNT_SEQS) {
            replies.add(api.readCounts(conversationId, asked.subList(from, Math.min(from + Limits.MAX_READ_COUNT_SEQS, asked.size()))));
        }
        return CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0])).thenApply(all ->
                ReadCounts.of(conversationId, replies.stream().map(CompletableFuture::join).collect(Collectors.toList())));
    }

    /**
     * The user is looking at the conversation (call it when it opens and for every message shown
     * while it is open): one {@code markRead} for the newest seq held goes out once no call came
     * for the read debounce (default 1 s, as the web client's READ_DEBOUNCE_MS), not one per message.
     */
    public void markSeen(String conversationId) {
        reads.seen(conversationId);
    }

    /**
     * The user is typing in the conversation (true: call it on every keystroke) or stopped (false:
     * when the message is sent, the line cleared or the conversation left). Sends {@code typing}
     * at most every 3 s and {@code stopped} once, as the web client does; nothing while offline.
     */
    public void typing(String conversationId, boolean active) {
        typing.typing(conversationId, active);
    }

    /**
     * The app shows the conversation: a large group's messages come live only to devices that view
     * it (others get a conversationActivity and sync when they open it). The SDK keeps the view
     * (refreshed before its TTL ends, sent again after a reconnect) until {@link #stopViewing} or the
     * next view. The future is the first request's answer (NOT_FOUND for a non-member ends the view).
     */
    public CompletableFuture<ViewConversationReply> viewConversation(String conversationId) {
        return viewer.view(conversationId);
    }

    /** The app closed the conversation or went to the background. */
    public void stopViewing() {
        viewer.stop();
    }

    /** Every member of the conversation, every {@code listMembers} page read (a large group's sync lists none). */
    public CompletableFuture<List<MemberInfo>> listMembers(String conversationId) {
        return members.all(conversationId);
    }

    /**
     * Acknowledges delivery by hand. The SDK already sends it for what sync brings, and the server
     * records live deliveries itself: an app needs this only for messages it got some other way.
     */
    public CompletableFuture<ReceiptReply> markDelivered(String conversationId, long upToSeq) {
        return api.markDelivered(conversationId, upToSeq).thenApply(reply -> {
            sync.ownCursors(reply.conversationId(), reply.readSeq(), reply.deliveredSeq());
            return reply;
        });
    }

    /** Syncs now (the SDK also does on every connect and on every seq gap). */
    public void syncNow() {
        sync.requestSync();
    }

    /** Skips the wait before the next connect attempt (call it when the platform says the network is back). */
    public void reconnectNow() {
        connection.reconnectNow();
    }

    public ParleyApi api() {
        return api;
    }

    /** Roles, title, announcement groups, members and invite links, typed, with the store kept current. */
    public Groups groups() { return new Groups(api, store, sync.summaries()); }

    /** The OkHttpClient the client uses (Options.http, or its own): share it for the app's downloads. */
    public OkHttpClient http() {
        return options.http;
    }

    public ParleyStore store() {
        return store;
    }

    public String userId() {
        return session.userId();
    }

    public String deviceId() {
        return options.deviceId;
    }

    public Session session() {
        return session;
    }

    public ConnectionState state() {
        return connection.state();
    }

    /** The listener gets the current state at once, then every change in order. */
    public void addStateListener(Consumer<ConnectionState> listener) {
        connection.addStateListener(listener);
    }

    public void addListener(ParleyListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ParleyListener listener) {
        listeners.remove(listener);
    }

    /** How many sockets this client tried to open so far. */
    public int connectAttempts() {
        return connection.connectAttempts();
    }

    /** How many requests of the action (protocol name, e.g. {@code markRead}) this client sent. */
    public long requestsSent(String action) {
        LongAdder sent = requestsSent.get(action);
        return sent == null ? 0 : sent.sum();
    }

    /** How many server frames were skipped as unreadable. */
    public int skippedFrames() {
        return router.skipped();
    }

    /** Closes the socket and stops the SDK's threads; the store stays open (the app owns it). */
    @Override
    public void close() {
        connection.stop();
        loop.execute(() -> {
            if (pinger != null) {
                pinger.cancel(false);
            }
        });
        loop.shutdown();
        worker.shutdown();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> CompletableFuture<T> request(String action, Object fields, Class<T> replyType) {
        String requestId = pending.nextRequestId();
        ObjectNode frame = ProtocolCodec.instance().mapper().valueToTree(fields);
        frame.put("action", action);
        frame.put("requestId", requestId);
        CompletableFuture<T> answer = pending.register(requestId, replyType);
        if (connection.send(frame.toString())) {
            requestsSent.computeIfAbsent(action, name -> new LongAdder()).increment();
            lastSentAt = System.currentTimeMillis();
        } else {
            pending.fail(requestId, new ParleyException.ConnectionLost("not connected (" + connection.state() + ")"));
        }
        return answer;
    }

    /**
     * API Gateway closes a socket after 10 minutes without data frames, and protocol-level pings
     * do not count: ping when nothing was sent for the interval. A ping without an answer means
     * the socket is dead though TCP has not noticed: drop it and reconnect.
     */
    private void pingIfQuiet() {
        if (!(connection.state() instanceof ConnectionState.Connected)
                || System.currentTimeMillis() - lastSentAt < options.pingIntervalMillis) {
            return;
        }
        api.ping().whenComplete((reply, error) -> {
            Throwable cause = ParleyException.unwrap(error);
            if (cause != null && !(cause instanceof ParleyException.ConnectionLost)) {
                connection.dropSocket("the ping got no answer: " + cause);
            }
        });
    }

    /** One daemon thread; once the client is closed, late callbacks (a socket still closing) are dropped. */
    private static ScheduledExecutorService singleThread(String name) {
        return new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    /** How to build a client; {@link #build()} makes it. */
    public static final class Options {
        private final String webSocketUrl;
        private final String deviceId;
        private final Session session;
        private final ParleyStore store;
        private String platform = "android";
        private OkHttpClient http;
        private Backoff backoff = Backoff.defaults();
        private long pingIntervalMillis = Limits.PING_INTERVAL_SECONDS * 1000L;
        private long requestTimeoutMillis = 30_000;
        private int syncPageLimit = Limits.DEFAULT_HISTORY_PAGE;
        private long readDebounceMillis = 1000;
        private long mediaReadyTimeoutMillis = 120_000;

        private Options(String webSocketUrl, String deviceId, Session session, ParleyStore store) {
            this.webSocketUrl = Objects.requireNonNull(webSocketUrl, "webSocketUrl");
            this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
            this.session = Objects.requireNonNull(session, "session");
            this.store = Objects.requireNonNull(store, "store");
            if (!deviceId.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("deviceId must be 1 to 64 of A-Z a-z 0-9 _ - (docs/protocol.md#connecting)");
            }
        }

        /** {@code ios}, {@code android} or {@code web}; anything else is recorded as unknown. Default android. */
        public Options platform(String platform) {
            this.platform = platform;
            return this;
        }

        /** Share one OkHttpClient among clients (and with the app): one connection pool, one dispatcher. */
        public Options http(OkHttpClient http) {
            this.http = http;
            return this;
        }

        public Options backoff(Backoff backoff) {
            this.backoff = backoff;
            return this;
        }

        /** Default 5 minutes, the protocol's documented interval (Limits.PING_INTERVAL_SECONDS). */
        public Options pingIntervalMillis(long millis) {
            this.pingIntervalMillis = millis;
            return this;
        }

        /** Default 30 s, just over API Gateway's 29 s integration timeout. */
        public Options requestTimeoutMillis(long millis) {
            this.requestTimeoutMillis = millis;
            return this;
        }

        /** Messages per conversation per sync page, 1 to 100 (default 50). */
        public Options syncPageLimit(int limit) {
            this.syncPageLimit = limit;
            return this;
        }

        /** How long {@link #markSeen} waits for quiet before its one markRead (default 1 s, the web client's). */
        public Options readDebounceMillis(long millis) {
            this.readDebounceMillis = millis;
            return this;
        }

        /** How long an upload waits for mediaReady before it starts again (default 2 minutes). */
        public Options mediaReadyTimeoutMillis(long millis) {
            this.mediaReadyTimeoutMillis = millis;
            return this;
        }

        public ParleyClient build() {
            if (http == null) {
                http = new OkHttpClient();
            }
            return new ParleyClient(this);
        }
    }
}
