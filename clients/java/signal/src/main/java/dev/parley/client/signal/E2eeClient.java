package dev.parley.client.signal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyException;
import dev.parley.client.ParleyListener;
import dev.parley.client.signal.keylog.KeyLogException;
import dev.parley.client.signal.keylog.KeyLogState;
import dev.parley.client.signal.keylog.KeyLogVerifier;
import dev.parley.client.signal.media.MediaFiles;
import dev.parley.client.signal.store.SignalStore;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.ConversationEvent;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link ParleyClient}'s end-to-end encryption: publishes this device's keys on every connect
 * until the server numbered it, refills one-time keys on {@code keysLow}, verifies key logs on
 * {@code devicesChanged}, and builds sessions from claimed keys after checking them against the
 * user's key log. Crypto runs on its own thread, never on the connection's.
 */
public final class E2eeClient implements AutoCloseable {
    /** Conversation changes after which a member no longer reads the group: its sender key is replaced. */
    private static final Set<String> ROTATING_CHANGES = Set.of("membersRemoved", "removed", "left", "accountDeleted");

    private static final Logger LOG = Logger.getLogger(E2eeClient.class.getName());

    private final SignalDevice device;
    private final KeyLogVerifier verifier;
    private final KeyDirectory directory;
    private final E2eeListener listener;
    private final ExecutorService crypto;
    private final SignalCipher cipher;
    private final KeyLogs keyLogs;
    private final MediaFiles media;
    private volatile ParleyClient client;
    private CompletableFuture<KeyWire.PublishKeysReply> publishing;

    private E2eeClient(String userId, String deviceId, SignalStore store, KeyDirectory directory, E2eeListener listener) {
        this.listener = listener == null ? new E2eeListener() { } : listener;
        this.device = SignalDevice.open(store, userId, this.listener);
        this.verifier = new KeyLogVerifier(store);
        this.directory = directory;
        this.crypto = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "parley-e2ee-" + deviceId);
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
        this.keyLogs = new KeyLogs(directory, verifier, this.listener, crypto);
        this.media = new MediaFiles(store);
        this.cipher = new SignalCipher(this, media);
    }

    /** Attaches E2EE to a client (before or after {@code start()}); the store may share the client's SQLite file. */
    public static E2eeClient attach(ParleyClient client, SignalStore store, E2eeListener listener) {
        E2eeClient e2ee = new E2eeClient(client.userId(), client.deviceId(), store, new ParleyKeyDirectory(client.api()),
                listener);
        client.addListener(new ParleyListener() {
            @Override
            public void onOtherEvent(String type, ObjectNode payload) {
                e2ee.onEvent(type, payload);
            }

            @Override
            public void onConversation(ConversationEvent event) {
                e2ee.onConversation(event);
            }
        });
        client.useCipher(e2ee.cipher);
        e2ee.client = client;
        client.addStateListener(state -> {
            if (state instanceof ConnectionState.Connected) {
                e2ee.publishKeys();
            }
        });
        return e2ee;
    }

    /** E2EE over any {@link KeyDirectory}, with events fed by hand through {@link #onEvent} (tests, other transports). */
    public static E2eeClient create(String userId, String deviceId, SignalStore store, KeyDirectory directory,
                                    E2eeListener listener) {
        return new E2eeClient(userId, deviceId, store, directory, listener);
    }

    /** Seals and opens the messages of E2EE conversations ({@link #attach} installs it in the client). */
    public SignalCipher cipher() {
        return cipher;
    }

    /**
     * A member left, was removed or deleted their account: this device's sender key of the group is
     * replaced before its next group send (docs/e2ee.md#re-keying). A group send also replaces it
     * when a holder is no longer a member, so a missed event changes nothing.
     */
    public void onConversation(ConversationEvent event) {
        if (ROTATING_CHANGES.contains(event.change())) {
            cipher.senderKeys().rotate(event.conversationId());
        }
    }

    /**
     * Downloads and decrypts a file of an E2EE conversation (a media id of a message this device
     * sent or opened: its key came inside the message). Needs {@link #attach}.
     */
    public CompletableFuture<MediaFiles.DecryptedMedia> downloadMedia(String conversationId, String mediaId) {
        ParleyClient attached = client;
        if (attached == null) {
            throw new IllegalStateException("downloadMedia needs a client: use E2eeClient.attach");
        }
        return media.download(attached.api(), attached.http(), conversationId, mediaId);
    }

    public SignalDevice device() {
        return device;
    }

    public KeyLogVerifier verifier() {
        return verifier;
    }

    public KeyDirectory directory() {
        return directory;
    }

    /** The thread every libsignal call of this device runs on. */
    java.util.concurrent.Executor crypto() {
        return crypto;
    }

    E2eeListener listener() {
        return listener;
    }

    /**
     * Publishes every key when the server has not numbered this device yet (first run, or a
     * reinstall: a new store means a new registration id); otherwise asks getKeyCounts and refills
     * a kind below the threshold. Completes with the reply, or null when nothing was needed.
     */
    public synchronized CompletableFuture<KeyWire.PublishKeysReply> publishKeys() {
        // A reconnect while a publish is under way must not publish a second batch of everything.
        if (publishing != null && !publishing.isDone()) {
            return publishing;
        }
        CompletableFuture<List<KeyWire.PublishKeysRequest>> payload = device.deviceNum() == 0
                ? CompletableFuture.supplyAsync(device::fullPublish, crypto)
                : directory.getKeyCounts().thenApplyAsync(device::refill, crypto);
        publishing = publish(payload);
        return publishing;
    }

    /**
     * Every claim below the threshold sends keysLow: while one refill is under way the next
     * events join it, or each would top up from its own count and overfill the device.
     */
    private synchronized CompletableFuture<KeyWire.PublishKeysReply> refill(KeyWire.KeyCounts counts) {
        if (publishing != null && !publishing.isDone()) {
            return publishing;
        }
        publishing = publish(CompletableFuture.supplyAsync(() -> device.refill(counts), crypto));
        return publishing;
    }

    /** Sends the requests one after the other; completes with the last reply (the server's counts after all). */
    private CompletableFuture<KeyWire.PublishKeysReply> publish(CompletableFuture<List<KeyWire.PublishKeysRequest>> payload) {
        CompletableFuture<KeyWire.PublishKeysReply> done = payload.thenCompose(requests -> {
            CompletableFuture<KeyWire.PublishKeysReply> chain = CompletableFuture.completedFuture(null);
            for (KeyWire.PublishKeysRequest request : requests) {
                chain = chain.thenCompose(previous -> directory.publishKeys(request)).thenApplyAsync(reply -> {
                    device.published(reply);
                    return reply;
                }, crypto);
            }
            return chain.thenApply(last -> {
                if (last != null) {
                    listener.onKeysPublished(last);
                }
                return last;
            });
        });
        done.whenComplete((reply, error) -> {
            if (error != null && !(ParleyException.unwrap(error) instanceof ParleyException.ConnectionLost)) {
                listener.onKeysPublishFailed(ParleyException.unwrap(error));
            }
        });
        return done;
    }

    /**
     * Claims the keys of every device of {@code userId} (the user's own other devices too),
     * verifies the user's key log up to the claim's head, checks each bundle against it and
     * builds the sessions. Fails with a {@link KeyLogException} (also told to
     * {@link E2eeListener#onKeyLogViolation}) or an {@link E2eeException.BundleRejected}.
     *
     * @return the device numbers there now is a fresh session with
     */
    public CompletableFuture<List<Integer>> startSessions(String userId) {
        return startSessions(userId, null);
    }

    /** The same for one device of the user ({@code deviceNum} null: every device). */
    public CompletableFuture<List<Integer>> startSessions(String userId, Integer deviceNum) {
        return directory.claimKeys(userId, deviceNum)
                .thenCompose(claim -> keyLogs.verifiedUpTo(userId, claim.keyLog()).thenApplyAsync(state -> {
                    try {
                        return device.startSessions(claim, verifier);
                    } catch (KeyLogException e) {
                        listener.onKeyLogViolation(e);
                        throw new CompletionException(e);
                    } catch (E2eeException.BundleRejected e) {
                        throw new CompletionException(e);
                    }
                }, crypto));
    }

    /** A server event: keysLow refills, devicesChanged verifies the user's new key log; other types are ignored. */
    public void onEvent(String type, ObjectNode payload) {
        try {
            if (KeyWire.KEYS_LOW_EVENT.equals(type)) {
                KeyWire.KeysLowEvent low = ProtocolCodec.instance().mapper().treeToValue(payload, KeyWire.KeysLowEvent.class);
                refill(new KeyWire.KeyCounts(low.oneTimePreKeys(), low.oneTimeKyberPreKeys()));
            } else if (KeyWire.DEVICES_CHANGED_EVENT.equals(type)) {
                KeyWire.DevicesChangedEvent changed = ProtocolCodec.instance().mapper()
                        .treeToValue(payload, KeyWire.DevicesChangedEvent.class);
                keyLogs.verifiedUpTo(changed.userId(), changed.keyLog()).whenComplete((state, error) -> {
                    if (error == null) {
                        devicesChanged(changed.userId(), state);
                        listener.onDevicesChanged(changed.userId(), state);
                    } else if (!(ParleyException.unwrap(error) instanceof KeyLogException)) {
                        // A violation was told to onKeyLogViolation; anything else (offline) waits for the next claim.
                        LOG.log(Level.FINE, "the key log of " + changed.userId() + " could not be fetched", error);
                    }
                });
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "a malformed " + type + " event was skipped", e);
        }
    }

    /**
     * New and reinstalled devices are claimed before the next send (a reinstalled one also gets the
     * group sender keys again); a revoked device this one had a session with loses it, and every
     * group sender key is replaced (docs/e2ee.md#re-keying).
     */
    private void devicesChanged(String userId, KeyLogState state) {
        cipher.recipients().devicesChanged(userId);
        List<Integer> sessions = device.sessionDevices(userId);
        boolean revoked = false;
        for (KeyLogState.DeviceKey key : state.devices()) {
            if (!sessions.contains(key.deviceNum())) {
                continue;
            }
            if (key.revoked()) {
                device.forgetSession(userId, key.deviceNum());
                revoked = true;
            } else if (device.remoteRegistrationId(userId, key.deviceNum()) != key.registrationId()) {
                cipher.recipients().reinstalled(userId, key.deviceNum()); // claimed again before the next send
            }
        }
        if (revoked) {
            cipher.senderKeys().rotateAll();
        }
    }

    /** Stops the crypto thread; the client and the store stay open (the app owns them). */
    @Override
    public void close() {
        crypto.shutdown();
    }
}
