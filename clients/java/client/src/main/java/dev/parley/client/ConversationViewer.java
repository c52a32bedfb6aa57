package dev.parley.client;

import dev.parley.model.ErrorCode;
import dev.parley.model.v1.ViewConversationReply;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The conversation the app has open, told to the server with {@code viewConversation}: in a large
 * group only viewing sockets get each message live (docs/protocol/live.md#viewconversation). The
 * view is sent again every half TTL while the app keeps the conversation open (the web client does
 * the same), and on every connect, since a view belongs to the socket and ends with it.
 */
final class ConversationViewer {
    private static final Logger LOG = Logger.getLogger(ConversationViewer.class.getName());

    private final ParleyApi api;
    private final ScheduledExecutorService timer;
    private final int ttlSeconds;
    private String viewing;
    private ScheduledFuture<?> refresh;

    ConversationViewer(ParleyApi api, ScheduledExecutorService timer, int ttlSeconds) {
        this.api = api;
        this.timer = timer;
        this.ttlSeconds = ttlSeconds;
    }

    /** Views the conversation from now until {@link #stop} or another view; the answer is the first request's. */
    synchronized CompletableFuture<ViewConversationReply> view(String conversationId) {
        viewing = Objects.requireNonNull(conversationId, "conversationId");
        if (refresh != null) {
            refresh.cancel(false);
        }
        long half = ttlSeconds * 1000L / 2;
        refresh = timer.scheduleAtFixedRate(() -> tell(conversationId), half, half, TimeUnit.MILLISECONDS);
        return tell(conversationId);
    }

    /** Stops viewing (the app closed the conversation or went to the background). */
    synchronized void stop() {
        if (viewing == null) {
            return;
        }
        viewing = null;
        refresh.cancel(false);
        refresh = null;
        api.viewConversation(null, null).exceptionally(error -> null);
    }

    synchronized Optional<String> viewing() {
        return Optional.ofNullable(viewing);
    }

    /** A new socket views nothing: the open conversation is viewed again. */
    void connected() {
        viewing().ifPresent(this::tell);
    }

    private CompletableFuture<ViewConversationReply> tell(String conversationId) {
        CompletableFuture<ViewConversationReply> told = api.viewConversation(conversationId, ttlSeconds);
        told.whenComplete((reply, error) -> {
            Throwable cause = ParleyException.unwrap(error);
            if (cause instanceof ParleyException.ServerError refused && refused.code() == ErrorCode.NOT_FOUND) {
                // Removed, or the conversation is gone: nothing to view, so no refresh either.
                LOG.info("viewConversation " + conversationId + ": " + refused.serverMessage());
                endView(conversationId);
            }
        });
        return told;
    }

    private synchronized void endView(String conversationId) {
        if (conversationId.equals(viewing)) {
            viewing = null;
            refresh.cancel(false);
            refresh = null;
        }
    }
}
