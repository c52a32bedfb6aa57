package dev.parley.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One user's device: a real WebSocket to the gateway. Requests are matched to their reply or error
 * by {@code requestId}; events go to the {@link EventListener}. Public only because Jetty calls the
 * listener methods reflectively.
 */
public final class Device implements Session.Listener.AutoDemanding {
    static final String DEVICE_ID = "bench-1";

    /** Receives every server event (type other than reply and error), with its arrival time. */
    interface EventListener {
        void onEvent(Device device, JsonNode event, long arrivedNanos);
    }

    /** A frame the server sent back for a request: an error frame, or API Gateway's own error. */
    static final class ErrorFrame extends RuntimeException {
        ErrorFrame(String frame) {
            super(frame);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong REQUEST_IDS = new AtomicLong();

    private final BenchUser user;
    private final EventListener events;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong gatewayErrors = new AtomicLong();
    private final AtomicLong sentBytes = new AtomicLong();
    private final AtomicLong receivedBytes = new AtomicLong();
    private volatile Session session;

    private Device(BenchUser user, EventListener events) {
        this.user = user;
        this.events = events;
    }

    /** Opens the socket; completes once $connect has accepted it. */
    static CompletableFuture<Device> connect(WebSocketClient client, URI webSocketUrl, BenchUser user, EventListener events) {
        return connect(client, webSocketUrl, user, DEVICE_ID, events);
    }

    /** The same for one of several devices of a user. */
    static CompletableFuture<Device> connect(WebSocketClient client, URI webSocketUrl, BenchUser user, String deviceId,
                                             EventListener events) {
        Device device = new Device(user, events);
        URI uri = URI.create(webSocketUrl + "?token=" + URLEncoder.encode(user.accessToken(), StandardCharsets.UTF_8)
                + "&deviceId=" + URLEncoder.encode(deviceId, StandardCharsets.UTF_8));
        try {
            return client.connect(device, new ClientUpgradeRequest(uri)).thenApply(session -> device);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    BenchUser user() {
        return user;
    }

    /** Sends {@code {"action": action, "requestId": .., ...fields}}; completes with the reply frame. */
    CompletableFuture<JsonNode> request(String action, ObjectNode fields) {
        String requestId = "b" + REQUEST_IDS.incrementAndGet();
        ObjectNode frame = JSON.createObjectNode().put("action", action).put("requestId", requestId);
        frame.setAll(fields);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(requestId, reply);
        String text = frame.toString();
        sentBytes.addAndGet(text.getBytes(StandardCharsets.UTF_8).length);
        session.sendText(text, Callback.from(() -> { }, failure -> fail(requestId, failure)));
        return reply;
    }

    static ObjectNode fields() {
        return JSON.createObjectNode();
    }

    /** UTF-8 bytes of every frame this device sent (its requests). */
    long sentBytes() {
        return sentBytes.get();
    }

    /** UTF-8 bytes of every frame this device received (replies, errors, events). */
    long receivedBytes() {
        return receivedBytes.get();
    }

    /** API Gateway's own error frames (Internal server error, Forbidden) seen on this socket. */
    long gatewayErrors() {
        return gatewayErrors.get();
    }

    CompletableFuture<Void> close() {
        Session open = session;
        if (open == null || !open.isOpen()) {
            return CompletableFuture.completedFuture(null);
        }
        Callback.Completable closed = new Callback.Completable();
        open.close(1000, "bench done", closed);
        // The gateway may close the socket between the isOpen check and our close frame (a lifetime
        // or idle close): the socket is closed either way, which is all the caller waits for.
        return closed.exceptionallyCompose(failure -> open.isOpen()
                ? CompletableFuture.failedFuture(failure)
                : CompletableFuture.completedFuture(null));
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    @Override
    public void onWebSocketText(String text) {
        long arrived = System.nanoTime();
        receivedBytes.addAndGet(text.getBytes(StandardCharsets.UTF_8).length);
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            gatewayErrors.incrementAndGet();
            return;
        }
        String type = frame.path("type").asText("");
        String requestId = frame.path("requestId").asText("");
        switch (type) {
            case "reply" -> complete(requestId, frame);
            case "error" -> fail(requestId, new ErrorFrame(text));
            // API Gateway's own frames have no type: {"message": "Internal server error", ...}.
            case "" -> gatewayErrors.incrementAndGet();
            default -> events.onEvent(this, frame, arrived);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        pending.values().forEach(reply -> reply.completeExceptionally(
                new IllegalStateException(user.username() + "'s socket closed: " + statusCode + " " + reason)));
    }

    private void complete(String requestId, JsonNode frame) {
        CompletableFuture<JsonNode> reply = pending.remove(requestId);
        if (reply != null) {
            reply.complete(frame);
        }
    }

    private void fail(String requestId, Throwable failure) {
        CompletableFuture<JsonNode> reply = pending.remove(requestId);
        if (reply != null) {
            reply.completeExceptionally(failure);
        }
    }
}
