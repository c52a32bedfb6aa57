package dev.parley.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.model.Frame;
import dev.parley.model.ProtocolCodec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's) that keeps the text frames it receives, so that a test
 * reads them in order or picks the answer to one request or an event out of them, and records
 * how the server closed the socket.
 *
 * <p>Every frame received is checked against docs/asyncapi.yaml as it arrives
 * ({@link ProtocolSchemas}): a reply by the action of the request it answers (known from the
 * frames this client sent), an error by the error schema, an event by its type. Reading a frame
 * that breaks the contract fails the test, and so does closing a client that received one,
 * read or not.
 */
public final class WsClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(15);

    private final List<String> inbox = new ArrayList<>();
    private final Map<String, String> actionByRequestId = new ConcurrentHashMap<>();
    private final List<String> contractBreaches = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(URI url) {
        this.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(url, new Listener()).join();
    }

    /** Connects, or throws {@link HandshakeRefused} carrying the HTTP status the server answered with. */
    public static WsClient connect(URI url) {
        try {
            return new WsClient(url);
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw new HandshakeRefused(refused.getResponse().statusCode());
            }
            throw e;
        }
    }

    /** Sends a text frame; a request's action is remembered by its requestId, to check the reply against. */
    public void send(String text) {
        rememberAction(text);
        synchronized (socket) {
            socket.sendText(text, true).join();
        }
    }

    private void rememberAction(String text) {
        try {
            JsonNode request = JSON.readTree(text);
            if (request.path("requestId").isTextual() && request.path("action").isTextual()) {
                actionByRequestId.put(request.get("requestId").asText(), request.get("action").asText());
            }
        } catch (IOException notJson) {
            // A deliberately malformed frame: the server can only answer it with an error.
        }
    }

    public void sendBinary(byte[] bytes) {
        synchronized (socket) {
            socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
        }
    }

    /** The next text frame, decoded; fails the test if none arrives in time. */
    public Frame next(Duration timeout) {
        return ProtocolCodec.instance().decodeFrame(nextText(timeout));
    }

    public String nextText(Duration timeout) {
        return take(text -> true, timeout, "any frame");
    }

    /**
     * The next error frame, leaving events for later: a presence or receipt event from a queue worker
     * may land on the socket at any moment, between a refused frame and its error.
     */
    public Frame nextError(Duration timeout) {
        return ProtocolCodec.instance().decodeFrame(take(text -> decoded(text) instanceof Frame.Error, timeout, "an error frame"));
    }

    /** The reply or error answering the request with this id, leaving other frames for later. */
    public Frame answerTo(String requestId, Duration timeout) {
        return ProtocolCodec.instance().decodeFrame(take(text -> isAnswerTo(text, requestId), timeout,
                "the answer to request " + requestId));
    }

    /** The first event matching {@code filter}, leaving other frames for later. */
    public Frame.Event event(Predicate<Frame.Event> filter, Duration timeout, String what) {
        return (Frame.Event) ProtocolCodec.instance().decodeFrame(take(
                text -> decoded(text) instanceof Frame.Event event && filter.test(event), timeout, what));
    }

    /** Waits the whole {@code period}, then takes every event that matches {@code filter}. */
    public List<Frame.Event> eventsWithin(Duration period, Predicate<Frame.Event> filter) {
        sleep(period);
        List<Frame.Event> events = new ArrayList<>();
        synchronized (inbox) {
            for (Iterator<String> it = inbox.iterator(); it.hasNext(); ) {
                String text = it.next();
                if (decoded(text) instanceof Frame.Event event && filter.test(event)) {
                    it.remove();
                    events.add(event);
                }
            }
        }
        assertWithinContract();
        return events;
    }

    /**
     * Waits for the answer to {@code requestId}, then takes it and every event matching {@code filter}
     * that arrived before it: a marker. Frames posted to one connection arrive in the order they were
     * posted, so when the request was sent after whatever might have caused an event, the events
     * taken are all the ones it caused on this connection, with no time allowance.
     */
    public List<Frame.Event> eventsBeforeAnswerTo(String requestId, Duration timeout, Predicate<Frame.Event> filter) {
        String answer = take(text -> isAnswerTo(text, requestId), timeout, "the answer to marker " + requestId, false);
        List<Frame.Event> events = new ArrayList<>();
        synchronized (inbox) {
            for (Iterator<String> it = inbox.iterator(); it.hasNext(); ) {
                String text = it.next();
                if (text == answer) {
                    it.remove();
                    break;
                }
                if (decoded(text) instanceof Frame.Event event && filter.test(event)) {
                    it.remove();
                    events.add(event);
                }
            }
        }
        assertWithinContract();
        return events;
    }

    private static boolean isAnswerTo(String text, String requestId) {
        JsonNode frame = parse(text);
        String type = frame.path("type").asText();
        return (type.equals("reply") || type.equals("error")) && frame.path("requestId").asText().equals(requestId);
    }

    private String take(Predicate<String> wanted, Duration timeout, String what) {
        return take(wanted, timeout, what, true);
    }

    /** The first frame {@code wanted}, waiting for it; {@code remove}: taken out of the inbox, else left in place. */
    private String take(Predicate<String> wanted, Duration timeout, String what, boolean remove) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (inbox) {
            while (true) {
                for (Iterator<String> it = inbox.iterator(); it.hasNext(); ) {
                    String text = it.next();
                    if (wanted.test(text)) {
                        if (remove) {
                            it.remove();
                        }
                        assertWithinContract();
                        return text;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + what + " within " + timeout + "; unread frames: " + inbox);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(inbox, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** The frame, or null for text that is no Parley frame (the contract check reports those). */
    private static Frame decoded(String text) {
        try {
            return ProtocolCodec.instance().decodeFrame(text);
        } catch (IllegalArgumentException notAFrame) {
            return null;
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    /** Fails if any frame received so far breaks docs/asyncapi.yaml. */
    public void assertWithinContract() {
        if (!contractBreaches.isEmpty()) {
            throw new AssertionError("frames that break docs/asyncapi.yaml: " + contractBreaches);
        }
    }

    /** The close code the server sent, waiting for it. */
    public int closeCode(Duration timeout) {
        try {
            return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not close the socket within " + timeout, e);
        }
    }

    /** Drops the TCP connection without a close frame, like a phone losing its network. */
    public void abort() {
        socket.abort();
        assertWithinContract();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            // Wait until the gateway answered the close frame: aborting before it has read ours makes it
            // see 1006 and (as AWS does) delay $disconnect for a lost client, and a busy machine can take
            // seconds to get there. Only a gateway that never answers makes this wait the whole limit.
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(CLOSE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                closeCode.get(CLOSE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the socket is already gone; abort below releases it
            }
        }
        socket.abort();
        assertWithinContract();
    }

    private static void sleep(Duration period) {
        try {
            Thread.sleep(period);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The server refused the upgrade with this HTTP status. */
    public static final class HandshakeRefused extends RuntimeException {
        private final int status;

        HandshakeRefused(int status) {
            super("handshake refused with HTTP " + status);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void received(String text) {
            List<String> violations = ProtocolSchemas.instance().receivedFrameViolations(text, actionByRequestId::get);
            if (!violations.isEmpty()) {
                contractBreaches.add(text + " -> " + violations);
            }
            synchronized (inbox) {
                inbox.add(text);
                inbox.notifyAll();
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(1006);
        }
    }
}
