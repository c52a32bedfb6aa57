package dev.parley.client.signal;

import dev.parley.client.signal.keylog.KeyLogException;
import dev.parley.client.signal.keylog.KeyLogState;
import dev.parley.client.signal.store.SignalStore;
import org.signal.libsignal.protocol.IdentityKey;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** One SDK device in a test: its E2EE client over the in-process directory, and what its listener heard. */
final class Phone implements E2eeListener {
    final String userId;
    final String deviceId;
    final SignalStore store;
    final E2eeClient e2ee;
    final List<String> identityChanges = new CopyOnWriteArrayList<>();
    final List<E2eeException.DecryptionFailed> decryptionFailures = new CopyOnWriteArrayList<>();
    final List<KeyLogException> keyLogViolations = new CopyOnWriteArrayList<>();
    final List<KeyLogState> devicesChanged = new CopyOnWriteArrayList<>();
    final List<KeyWire.PublishKeysReply> published = new CopyOnWriteArrayList<>();
    final List<UndecryptableMessage> undecryptable = new CopyOnWriteArrayList<>();
    /** Per conversation, the highest seq this phone opened (a ciphertext is opened once, as the SDK's sync does). */
    private final java.util.Map<String, Long> opened = new java.util.concurrent.ConcurrentHashMap<>();

    private Phone(WireDirectory directory, String userId, String deviceId, SignalStore store) {
        this.userId = userId;
        this.deviceId = deviceId;
        this.store = store;
        this.e2ee = E2eeClient.create(userId, deviceId, store, directory.as(userId, deviceId), this);
    }

    /** A device that has published its keys (as E2eeClient does on connect). */
    static Phone published(WireDirectory directory, String userId, String deviceId, SignalStore store) throws Exception {
        Phone phone = new Phone(directory, userId, deviceId, store);
        phone.e2ee.publishKeys().get(30, TimeUnit.SECONDS);
        return phone;
    }

    SignalDevice device() {
        return e2ee.device();
    }

    int num() {
        return device().deviceNum();
    }

    List<Integer> startSessions(String peer) throws Exception {
        return await(e2ee.startSessions(peer));
    }

    /** Encrypts for the peer's devices and sends each envelope through its JSON form, as the wire would. */
    List<KeyWire.Envelope> encrypt(String peer, List<Integer> devices, String text) throws Exception {
        return device().encrypt(peer, devices, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).stream()
                .map(envelope -> WireDirectory.parse(WireDirectory.write(envelope), KeyWire.Envelope.class))
                .toList();
    }

    String decrypt(Phone from, KeyWire.Envelope envelope) throws E2eeException.DecryptionFailed {
        return new String(device().decrypt(from.userId, from.num(), envelope), java.nio.charset.StandardCharsets.UTF_8);
    }

    KeyWire.Envelope envelopeFor(List<KeyWire.Envelope> envelopes) {
        return envelopes.stream().filter(e -> e.userId().equals(userId) && e.deviceNum() == num()).findFirst().orElseThrow();
    }

    /** The future's failure itself (not its CompletionException wrapper) is thrown. */
    static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return Futures.await(future, java.time.Duration.ofSeconds(30));
    }

    /** Sends a text through the cipher to the relay, as the outbox would (a fresh clientMessageId). */
    dev.parley.client.cipher.MessageCipher.Sent send(WireRelay relay, String conversationId, String text) throws Exception {
        return await(e2ee.cipher().send(new dev.parley.client.cipher.MessageCipher.Outgoing(relay.conversation(conversationId),
                java.util.UUID.randomUUID().toString(), text, null, null), relay.transport(this)));
    }

    /** Opens every message of the conversation this phone has not opened yet; returns what the app would be shown. */
    List<String> read(WireRelay relay, String conversationId) {
        List<String> shown = new java.util.ArrayList<>();
        long after = opened.getOrDefault(conversationId, 0L);
        for (com.fasterxml.jackson.databind.node.ObjectNode view : relay.view(conversationId, this)) {
            if (view.get("seq").asLong() <= after) {
                continue;
            }
            opened.put(conversationId, view.get("seq").asLong());
            if (view.get("senderId").asText().equals(userId) && view.get("senderDeviceNum").asInt() == num()) {
                continue; // its own send: the outbox's entry is what the device shows
            }
            if (e2ee.cipher().open(view) instanceof dev.parley.client.cipher.Opened.Shown message) {
                shown.add(message.message().text());
            }
        }
        return shown;
    }

    @Override
    public void onMessageUndecryptable(UndecryptableMessage message) {
        undecryptable.add(message);
    }

    @Override
    public void onIdentityChanged(String peer, int deviceNum, IdentityKey trusted, IdentityKey presented) {
        identityChanges.add(peer + "." + deviceNum);
    }

    @Override
    public void onDecryptionFailed(E2eeException.DecryptionFailed failure) {
        decryptionFailures.add(failure);
    }

    @Override
    public void onKeyLogViolation(KeyLogException violation) {
        keyLogViolations.add(violation);
    }

    @Override
    public void onDevicesChanged(String peer, KeyLogState state) {
        devicesChanged.add(state);
    }

    @Override
    public void onKeysPublished(KeyWire.PublishKeysReply reply) {
        published.add(reply);
    }
}
