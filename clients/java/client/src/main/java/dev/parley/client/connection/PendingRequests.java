package dev.parley.client.connection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.ParleyException;
import dev.parley.model.ProtocolCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Requests sent and not yet answered, by requestId; each answer completes its typed future. */
public final class PendingRequests {
    private record Pending(CompletableFuture<Object> future, Class<?> replyType, ScheduledFuture<?> timeout) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final String prefix;
    private final ScheduledExecutorService timer;
    private final long timeoutMillis;

    public PendingRequests(String prefix, ScheduledExecutorService timer, long timeoutMillis) {
        this.prefix = prefix;
        this.timer = timer;
        this.timeoutMillis = timeoutMillis;
    }

    public String nextRequestId() {
        return prefix + counter.incrementAndGet();
    }

    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> register(String requestId, Class<T> replyType) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        ScheduledFuture<?> timeout = timer.schedule(() -> fail(requestId,
                new ParleyException.Timeout("no answer to request " + requestId + " within " + timeoutMillis + " ms")),
                timeoutMillis, TimeUnit.MILLISECONDS);
        pending.put(requestId, new Pending(future, replyType, timeout));
        return (CompletableFuture<T>) future;
    }

    /** Completes the request with its reply; false when no request waits for that id. */
    public boolean reply(String requestId, ObjectNode payload) {
        Pending waiting = pending.remove(requestId);
        if (waiting == null) {
            return false;
        }
        waiting.timeout().cancel(false);
        try {
            waiting.future().complete(ProtocolCodec.instance().mapper().treeToValue(payload, waiting.replyType()));
        } catch (Exception e) {
            waiting.future().completeExceptionally(new ParleyException.MalformedReply(
                    "the reply to " + requestId + " is not a " + waiting.replyType().getSimpleName() + ": " + e.getMessage(), e));
        }
        return true;
    }

    public boolean fail(String requestId, ParleyException error) {
        Pending waiting = pending.remove(requestId);
        if (waiting == null) {
            return false;
        }
        waiting.timeout().cancel(false);
        waiting.future().completeExceptionally(error);
        return true;
    }

    /** The socket is gone: no answer can arrive for any request sent on it. */
    public void failAll(String why) {
        List<String> ids = new ArrayList<>(pending.keySet());
        for (String id : ids) {
            fail(id, new ParleyException.ConnectionLost(why));
        }
    }
}
