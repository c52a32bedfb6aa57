package dev.parley.client.signal.live;

import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyListener;
import dev.parley.client.signal.UndecryptableMessage;
import dev.parley.client.store.OutboxEntry;
import dev.parley.model.v1.MessageEvent;
import org.signal.libsignal.protocol.IdentityKey;
import dev.parley.client.ParleyClient;
import dev.parley.client.auth.Session;
import dev.parley.client.signal.E2eeClient;
import dev.parley.client.signal.E2eeException;
import dev.parley.client.signal.E2eeListener;
import dev.parley.client.signal.Futures;
import dev.parley.client.signal.KeyWire;
import dev.parley.client.signal.keylog.KeyLogException;
import dev.parley.client.signal.keylog.KeyLogState;
import dev.parley.client.signal.store.InMemorySignalStore;
import dev.parley.client.signal.store.SignalStore;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/** One device: parley-client over a real socket with parley-client-signal attached, and what it told the app. */
final class LivePhone implements E2eeListener, AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);

    final ParleyClient client;
    final E2eeClient e2ee;
    final List<KeyWire.PublishKeysReply> published = new CopyOnWriteArrayList<>();
    final List<Throwable> publishFailures = new CopyOnWriteArrayList<>();
    final List<KeyLogException> keyLogViolations = new CopyOnWriteArrayList<>();
    final List<String> devicesChanged = new CopyOnWriteArrayList<>();
    /** What the app was shown: every message newly held, with its plaintext. */
    final List<MessageEvent> messages = new CopyOnWriteArrayList<>();
    final List<UndecryptableMessage> undecryptable = new CopyOnWriteArrayList<>();
    final List<String> identityChanges = new CopyOnWriteArrayList<>();
    final List<OutboxEntry> stuck = new CopyOnWriteArrayList<>();

    /** The sync requests sent when the last sync completed: equal to the count now when none is under way. */
    private final AtomicLong syncRequestsAtLastSynced = new AtomicLong(-1);

    private final SignalCloud cloud;
    private final SignalStore signalStore;
    private final java.util.function.Consumer<ParleyClient.Options> tweak;

    private LivePhone(SignalCloud cloud, ParleyClient client, SignalStore signalStore,
                      java.util.function.Consumer<ParleyClient.Options> tweak) {
        this.cloud = cloud;
        this.client = client;
        this.signalStore = signalStore;
        this.tweak = tweak;
        e2ee = E2eeClient.attach(client, signalStore, this);
        client.addListener(new ParleyListener() {
            @Override
            public void onMessage(MessageEvent message) {
                messages.add(message);
            }

            @Override
            public void onSynced() {
                syncRequestsAtLastSynced.set(client.requestsSent("sync"));
            }

            @Override
            public void onOutboxChanged(OutboxEntry entry, OutboxChange change) {
                if (change == OutboxChange.STUCK) {
                    stuck.add(entry);
                }
            }
        });
    }

    /** Whether every sync request this client sent belongs to a completed sync. */
    boolean syncsSettled() {
        return client.requestsSent("sync") == syncRequestsAtLastSynced.get();
    }

    /** Connects and waits until the SDK published the device's keys by itself (the connect does it). */
    static LivePhone connected(SignalCloud cloud, Session session, String label) {
        return connected(cloud, session, label, options -> { });
    }

    static LivePhone connected(SignalCloud cloud, Session session, String label,
                               java.util.function.Consumer<ParleyClient.Options> tweak) {
        return started(new LivePhone(cloud, cloud.client(session, label, tweak), new InMemorySignalStore(), tweak));
    }

    /** The same device (its deviceId) installed anew: empty stores, so a new registration id and identity key. */
    static LivePhone reinstalled(SignalCloud cloud, Session session, String deviceId) {
        return started(new LivePhone(cloud, cloud.clientOf(session, deviceId), new InMemorySignalStore(), options -> { }));
    }

    /** The app started again after {@code closed} was closed: same device, same stores, same options. */
    static LivePhone restarted(LivePhone closed) {
        ParleyClient client = closed.cloud.cloud.client(closed.client.session(), closed.client.deviceId(),
                closed.client.store(), closed.tweak);
        return started(new LivePhone(closed.cloud, client, closed.signalStore, closed.tweak), false);
    }

    private static LivePhone started(LivePhone phone) {
        return started(phone, true);
    }

    /** @param publishes whether the connect publishes (false: the device was numbered before, at most a refill) */
    private static LivePhone started(LivePhone phone, boolean publishes) {
        phone.client.start();
        await().atMost(WAIT).until(() -> phone.client.state() instanceof ConnectionState.Connected);
        if (!publishes) {
            return phone;
        }
        await().atMost(WAIT).until(() -> !phone.published.isEmpty() || !phone.publishFailures.isEmpty());
        if (!phone.publishFailures.isEmpty()) {
            throw new AssertionError("publishKeys failed", phone.publishFailures.get(0));
        }
        return phone;
    }

    /** The texts of the conversation's messages the app was shown, in the order they came. */
    List<String> texts(String conversationId) {
        return messages.stream().filter(m -> m.conversationId().equals(conversationId)).map(MessageEvent::text).toList();
    }

    String userId() {
        return client.userId();
    }

    int num() {
        return e2ee.device().deviceNum();
    }

    List<Integer> startSessions(String peer) throws Exception {
        return get(e2ee.startSessions(peer));
    }

    KeyWire.Envelope encryptFor(LivePhone to, String text) throws E2eeException.EncryptionFailed {
        return e2ee.device().encrypt(to.userId(), List.of(to.num()), text.getBytes(StandardCharsets.UTF_8)).get(0);
    }

    String decryptFrom(LivePhone from, KeyWire.Envelope envelope) throws E2eeException.DecryptionFailed {
        return new String(e2ee.device().decrypt(from.userId(), from.num(), envelope), StandardCharsets.UTF_8);
    }

    /** The future's own failure, not its ExecutionException/CompletionException wrappers. */
    static <T> T get(CompletableFuture<T> future) throws Exception {
        return Futures.await(future, WAIT);
    }

    @Override
    public void onMessageUndecryptable(UndecryptableMessage message) {
        undecryptable.add(message);
    }

    @Override
    public void onIdentityChanged(String userId, int deviceNum, IdentityKey trusted, IdentityKey presented) {
        identityChanges.add(userId + "." + deviceNum);
    }

    @Override
    public void onKeysPublished(KeyWire.PublishKeysReply reply) {
        published.add(reply);
    }

    @Override
    public void onKeysPublishFailed(Throwable cause) {
        publishFailures.add(cause);
    }

    @Override
    public void onKeyLogViolation(KeyLogException violation) {
        keyLogViolations.add(violation);
    }

    @Override
    public void onDevicesChanged(String userId, KeyLogState state) {
        devicesChanged.add(userId + "@" + state.seq());
    }

    @Override
    public void close() {
        e2ee.close();
        client.close();
    }
}
