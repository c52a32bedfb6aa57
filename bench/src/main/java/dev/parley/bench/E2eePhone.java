package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.ParleyException;
import dev.parley.client.cipher.MessageCipher;
import dev.parley.client.cipher.Opened;
import dev.parley.client.signal.E2eeClient;
import dev.parley.client.signal.E2eeListener;
import dev.parley.client.signal.KeyDirectory;
import dev.parley.client.signal.KeyWire;
import dev.parley.client.signal.store.InMemorySignalStore;
import dev.parley.client.store.StoredConversation;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ConversationEvent;
import dev.parley.model.v1.SendMessageReply;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark {@link Device} with the real E2EE SDK on it (parley-client-signal, libsignal): it
 * publishes its keys, seals sends through the SDK's cipher (claims, key-log checks and
 * DEVICES_MISMATCH retries included) and opens every message event it receives, so the counted
 * AWS calls and frames are those of a real E2EE client. The bench is a tool, not a server jar, so
 * the AGPL module may be on its classpath.
 */
final class E2eePhone {
    private static final ObjectMapper JSON = ProtocolCodec.instance().mapper();
    private static final long TIMEOUT_SECONDS = 120;

    final Device device;
    final E2eeClient e2ee;
    /** Texts the SDK opened, and the messages it could not (both must end up as expected). */
    final List<String> shown = new CopyOnWriteArrayList<>();
    final List<String> failed = new CopyOnWriteArrayList<>();
    /** Every sendMessage frame this phone sent: its UTF-8 size and its envelopes' ciphertext sizes. */
    final List<SentFrame> frames = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger conversationEvents = new java.util.concurrent.atomic.AtomicInteger();

    /** @param envelopes decoded ciphertext bytes of each envelope, by type ("prekey" or "message"); empty for a group ciphertext */
    record SentFrame(int bytes, List<Map.Entry<String, Integer>> envelopes) {
    }

    private E2eePhone(Device device, String deviceId) {
        this.device = device;
        this.e2ee = E2eeClient.create(device.user().userId(), deviceId, new InMemorySignalStore(), new Directory(device),
                new E2eeListener() { });
    }

    /** Routes each device's events to its phone; a device with no phone (plaintext only) just receives. */
    static final class Router implements Device.EventListener {
        private final Map<Device, E2eePhone> phones = new ConcurrentHashMap<>();
        private final Map<Device, List<String>> plaintexts = new ConcurrentHashMap<>();

        @Override
        public void onEvent(Device device, JsonNode event, long arrivedNanos) {
            E2eePhone phone = phones.get(device);
            String type = event.path("type").asText();
            if (phone != null && event instanceof ObjectNode raw) {
                phone.onEvent(type, raw);
            } else if (Actions.MESSAGE_EVENT.equals(type) && event.hasNonNull("text")) {
                plaintexts.computeIfAbsent(device, d -> new CopyOnWriteArrayList<>()).add(event.get("text").asText());
            }
        }

        List<String> plaintexts(Device device) {
            return plaintexts.getOrDefault(device, List.of());
        }
    }

    /** Connects a device of {@code user} and publishes its keys (the SDK's full first publish). */
    static E2eePhone connect(WebSocketClient sockets, URI url, BenchUser user, String deviceId, Router router) {
        Device device = Device.connect(sockets, url, user, deviceId, router).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        E2eePhone phone = new E2eePhone(device, deviceId);
        router.phones.put(device, phone);
        phone.e2ee.publishKeys().orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        return phone;
    }

    /** A device of {@code user} without E2EE (the plaintext baseline's receivers). */
    static Device plain(WebSocketClient sockets, URI url, BenchUser user, String deviceId, Router router) {
        return Device.connect(sockets, url, user, deviceId, router).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }

    String userId() {
        return device.user().userId();
    }

    /** Seals and sends {@code text} as the SDK's outbox would; completes with the stored message's reply. */
    CompletableFuture<MessageCipher.Sent> send(StoredConversation conversation, String text) {
        return e2ee.cipher().send(new MessageCipher.Outgoing(conversation, UUID.randomUUID().toString(), text, null, List.of()),
                fields -> {
                    record(fields);
                    return device.request(Actions.SEND_MESSAGE, fields).handle((reply, error) -> {
                    if (error != null) {
                        throw asServerError(error);
                    }
                    return JSON.convertValue(reply, SendMessageReply.class);
                    });
                });
    }

    private void record(ObjectNode fields) {
        List<Map.Entry<String, Integer>> envelopes = new java.util.ArrayList<>();
        fields.path("envelopes").forEach(envelope -> envelopes.add(Map.entry(envelope.path("type").asText(),
                java.util.Base64.getDecoder().decode(envelope.path("ciphertext").asText()).length)));
        // The frame as Device sends it (a requestId of a typical length).
        ObjectNode frame = JSON.createObjectNode().put("action", Actions.SEND_MESSAGE).put("requestId", "b1000");
        frame.setAll(fields);
        frames.add(new SentFrame(frame.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, envelopes));
    }

    /** conversation events this phone's SDK was given. */
    int conversationEvents() {
        return conversationEvents.get();
    }

    private void onEvent(String type, ObjectNode raw) {
        try {
            if (Actions.MESSAGE_EVENT.equals(type)) {
                Opened opened = e2ee.cipher().open(raw);
                if (opened instanceof Opened.Shown shownMessage) {
                    shown.add(shownMessage.message().text());
                } else if (opened instanceof Opened.Failed failure) {
                    failed.add(failure.reason());
                }
            } else if ("conversation".equals(type)) {
                e2ee.onConversation(JSON.treeToValue(raw, ConversationEvent.class));
                conversationEvents.incrementAndGet();
            } else {
                e2ee.onEvent(type, raw);
            }
        } catch (Exception e) {
            failed.add(type + ": " + e);
        }
    }

    /** An error frame as parley-client reports it, so the SDK's DEVICES_MISMATCH retry sees its details. */
    private static RuntimeException asServerError(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        if (!(cause instanceof Device.ErrorFrame frame)) {
            return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        try {
            JsonNode json = JSON.readTree(frame.getMessage());
            String code = json.path("code").asText("");
            return new ParleyException.ServerError(json.path("requestId").asText(null), ParleyException.ServerError.codeOf(code),
                    code, json.path("message").asText(""), json.get("details") instanceof ObjectNode details ? details : null);
        } catch (Exception e) {
            return frame;
        }
    }

    /** The key directory's actions over the bench's socket. */
    private record Directory(Device device) implements KeyDirectory {
        @Override
        public CompletableFuture<KeyWire.PublishKeysReply> publishKeys(KeyWire.PublishKeysRequest request) {
            return call(KeyWire.PUBLISH_KEYS, request, KeyWire.PublishKeysReply.class);
        }

        @Override
        public CompletableFuture<KeyWire.KeyCounts> getKeyCounts() {
            return call(KeyWire.GET_KEY_COUNTS, new KeyWire.GetKeyCountsRequest(), KeyWire.KeyCounts.class);
        }

        @Override
        public CompletableFuture<KeyWire.ClaimKeysReply> claimKeys(String userId, Integer deviceNum) {
            return call(KeyWire.CLAIM_KEYS, new KeyWire.ClaimKeysRequest(userId, deviceNum), KeyWire.ClaimKeysReply.class);
        }

        @Override
        public CompletableFuture<KeyWire.KeyLogReply> getKeyLog(String userId, Long afterSeq) {
            return call(KeyWire.GET_KEY_LOG, new KeyWire.GetKeyLogRequest(userId, afterSeq), KeyWire.KeyLogReply.class);
        }

        private <T> CompletableFuture<T> call(String action, Object request, Class<T> replyType) {
            ObjectNode fields = JSON.valueToTree(request);
            return device.request(action, fields).handle((reply, error) -> {
                if (error != null) {
                    throw asServerError(error);
                }
                return JSON.convertValue(reply, replyType);
            });
        }
    }
}
