package dev.parley.localenv.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.Limits;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection, from the upgrade request to its close.
 *
 * <p>States: CONNECTING while the authorizer and {@code $connect} run (the connection does not exist yet
 * for {@code @connections}: 410), OPEN once the handshake completed, CLOSED after the socket closed.
 * {@link #markClosed()} is true exactly once, which is what makes {@code $disconnect} fire exactly once.
 */
final class Connection {
    enum State { CONNECTING, OPEN, CLOSED }

    private final String id;
    private final long connectedAt;
    private final String sourceIp;
    private final String userAgent;
    private final String domainName;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> whenClosed = new CompletableFuture<>();
    /** Done when the socket opens or closes, whichever comes first. */
    private final CompletableFuture<Void> whenOpenOrClosed = new CompletableFuture<>();
    private volatile boolean accepted;
    private final Object sendLock = new Object();
    private volatile State state = State.CONNECTING;
    private volatile ObjectNode authorizer;
    private volatile long lastActiveAt;
    private volatile Session session;
    private volatile Future<?> idleCheck;
    private volatile Future<?> lifetimeEnd;

    Connection(String id, long connectedAt, String sourceIp, String userAgent, String domainName) {
        this.id = id;
        this.connectedAt = connectedAt;
        this.lastActiveAt = connectedAt;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.domainName = domainName;
    }

    String id() {
        return id;
    }

    /** Epoch millis of the upgrade request; the same {@code connectedAt} on every event. */
    long connectedAt() {
        return connectedAt;
    }

    String sourceIp() {
        return sourceIp;
    }

    String userAgent() {
        return userAgent;
    }

    /** The Host the client connected to; API Gateway reports its own domain here. */
    String domainName() {
        return domainName;
    }

    /** {@code requestContext.authorizer}: principalId plus context, or null without an authorizer. */
    ObjectNode authorizer() {
        return authorizer;
    }

    void authorize(ObjectNode authorizerContext) {
        this.authorizer = authorizerContext;
    }

    /** Epoch millis of the last data frame received (API Gateway's idle clock ignores control frames). */
    long lastActiveAt() {
        return lastActiveAt;
    }

    void touch(long now) {
        lastActiveAt = now;
    }

    State state() {
        return state;
    }

    /**
     * {@code $connect} allowed it and the 101 is on its way: from here on the client may believe it is
     * connected before Jetty has called the server side's open, so {@code @connections} waits for that
     * instead of answering 410 (on AWS the connection exists once {@code $connect} has succeeded).
     */
    void accept() {
        accepted = true;
    }

    /** True once OPEN; for an accepted connection still opening, waits up to {@code timeout} for it. */
    boolean awaitOpen(Duration timeout) throws InterruptedException {
        if (state == State.CONNECTING && accepted) {
            try {
                whenOpenOrClosed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return false;
            }
        }
        return state == State.OPEN;
    }

    void open(Session openedSession) {
        this.session = openedSession;
        this.state = State.OPEN;
        whenOpenOrClosed.complete(null);
    }

    /** Timers that close the connection; cancelled when it closes first. */
    void scheduleClosers(Future<?> idleCheckTask, Future<?> lifetimeEndTask) {
        this.idleCheck = idleCheckTask;
        this.lifetimeEnd = lifetimeEndTask;
        if (state == State.CLOSED) {
            cancel(idleCheckTask);
            cancel(lifetimeEndTask);
        }
    }

    void rescheduleIdleCheck(Future<?> next) {
        this.idleCheck = next;
        if (state == State.CLOSED) {
            cancel(next);
        }
    }

    /** True for the one caller that moves the connection to CLOSED. */
    boolean markClosed() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        state = State.CLOSED;
        cancel(idleCheck);
        cancel(lifetimeEnd);
        whenClosed.complete(null);
        whenOpenOrClosed.complete(null);
        return true;
    }

    /** Completes once the socket has closed (after the close handshake, or when it dropped). */
    CompletableFuture<Void> whenClosed() {
        return whenClosed;
    }

    /**
     * Sends one text message, in frames of at most 32 KB (API Gateway's frame limit; the client sees a
     * fragmented message above it). Messages from concurrent callers are queued whole, never interleaved.
     * Completes when the last frame is written, exceptionally when the socket is gone.
     */
    CompletableFuture<Void> send(String text) {
        Session current = session;
        if (state != State.OPEN || current == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("connection " + id + " is " + state));
        }
        CompletableFuture<Void> sent = new CompletableFuture<>();
        Callback last = Callback.from(() -> sent.complete(null), sent::completeExceptionally);
        List<String> fragments = fragments(text);
        synchronized (sendLock) {
            if (fragments.size() == 1) {
                current.sendText(text, last);
                return sent;
            }
            for (int i = 0; i < fragments.size(); i++) {
                boolean fin = i == fragments.size() - 1;
                current.sendPartialText(fragments.get(i), fin,
                        fin ? last : Callback.from(() -> { }, sent::completeExceptionally));
            }
        }
        return sent;
    }

    /** Splits text at code point boundaries into pieces of at most 32 KB of UTF-8. */
    static List<String> fragments(String text) {
        List<String> fragments = new ArrayList<>();
        int start = 0;
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > Limits.MAX_FRAME_BYTES) {
                fragments.add(text.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += size;
            i += Character.charCount(codePoint);
        }
        fragments.add(text.substring(start));
        return fragments;
    }

    /** Starts the close handshake; {@code $disconnect} follows once the socket has closed. */
    void close(int statusCode, String reason) {
        Session current = session;
        if (current != null) {
            current.close(statusCode, reason, Callback.NOOP);
        }
    }

    private static void cancel(Future<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
