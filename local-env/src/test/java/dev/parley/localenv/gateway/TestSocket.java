package dev.parley.localenv.gateway;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (Jetty's) for the fidelity tests. Each socket sends a unique
 * {@code X-Test-Socket} header, by which a test finds its CONNECT event and so its connection id.
 */
public final class TestSocket implements Session.Listener.AutoDemanding {
    record Close(int code, String reason) {
    }

    private static final WebSocketClient CLIENT = startClient();

    final String tag = UUID.randomUUID().toString();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private Session session;

    private static WebSocketClient startClient() {
        WebSocketClient client = new WebSocketClient();
        client.setMaxTextMessageSize(1024 * 1024);
        client.setMaxFrameSize(1024 * 1024);
        client.setIdleTimeout(Duration.ofMinutes(5));
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return client;
    }

    static TestSocket connect(URI uri) {
        return connect(uri, Map.of());
    }

    static TestSocket connect(URI uri, Map<String, String> headers, String... subprotocols) {
        TestSocket socket = new TestSocket();
        try {
            socket.session = CLIENT.connect(socket, socket.request(uri, headers, subprotocols)).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("connect to " + uri + " failed", e);
        }
        return socket;
    }

    /** The HTTP status of a refused handshake; fails if the handshake succeeds. */
    static int refusedStatus(URI uri) {
        TestSocket socket = new TestSocket();
        try {
            Session session = CLIENT.connect(socket, socket.request(uri, Map.of())).get(20, TimeUnit.SECONDS);
            session.close();
            throw new AssertionError("the handshake was accepted: " + uri);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpgradeException upgrade) {
                return upgrade.getResponseStatusCode();
            }
            throw new AssertionError("unexpected failure", e);
        } catch (Exception e) {
            throw new AssertionError("unexpected failure", e);
        }
    }

    private ClientUpgradeRequest request(URI uri, Map<String, String> headers, String... subprotocols) {
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
        request.setHeader("X-Test-Socket", tag);
        headers.forEach(request::setHeader);
        if (subprotocols.length > 0) {
            request.setSubProtocols(subprotocols);
        }
        return request;
    }

    Session session() {
        return session;
    }

    void send(String text) {
        session.sendText(text, Callback.NOOP);
    }

    void sendPartial(String fragment, boolean last) throws Exception {
        Callback.Completable sent = new Callback.Completable();
        session.sendPartialText(fragment, last, sent);
        sent.get(5, TimeUnit.SECONDS);
    }

    void sendBinary(byte[] bytes) {
        session.sendBinary(ByteBuffer.wrap(bytes), Callback.NOOP);
    }

    /** The next text frame; fails after the timeout. */
    String next(Duration timeout) throws InterruptedException {
        String text = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (text == null) {
            throw new AssertionError("no frame within " + timeout);
        }
        return text;
    }

    /** The next text frame, or null if none arrives within the timeout. */
    String poll(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    Close awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void onWebSocketText(String message) {
        received.add(message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closed.complete(new Close(statusCode, reason));
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // A refused handshake or a dropped socket; the tests assert on the status or the close instead.
    }
}
