package dev.parley.functions.domain.viewing;

import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.model.Frame;
import dev.parley.model.Limits;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ConversationActivityEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Decides which sockets that do not view a conversation may be told of its activity now: at most one
 * {@code conversationActivity} per (socket, conversation) per {@link #INTERVAL}.
 *
 * <p>Cost: a socket whose item, as the fan-out read it, shows an event within the interval is skipped
 * with no call. Every other socket costs one conditional UpdateItem of its user's connections item (one
 * write unit per KB of that item, typically 1; a failed condition costs the same), made only when an
 * event may go out: at most one per socket and conversation per 30 s, however busy the conversation.
 *
 * <p>The claims of a page run {@value #CLAIMS_IN_FLIGHT} at a time: one after another, an activity page
 * of a few hundred sockets took a round trip each (1,700 in W7, about 30 s on the local cloud).
 */
public final class ConversationActivity {
    public static final Duration INTERVAL = Duration.ofMillis(Limits.ACTIVITY_INTERVAL_MS);
    /**
     * Conditional writes in flight at once: each is to another user's item (its own partition), so
     * DynamoDB takes them in parallel; as many as the @connections posts that follow them.
     */
    static final int CLAIMS_IN_FLIGHT = 16;
    /** Each claim is one blocking write that mostly waits on the network: a virtual thread fits it. */
    private static final ExecutorService CLAIMS = Executors.newVirtualThreadPerTaskExecutor();

    private final ActivityThrottle throttle;

    public ConversationActivity(ActivityThrottle throttle) {
        this.throttle = throttle;
    }

    /**
     * The sockets among {@code sockets} that may be sent a {@code conversationActivity} for this conversation now,
     * in their order. A claim that failed throws (the page is redelivered; a socket claimed by the first try
     * is then skipped by the second, which costs that socket its event, never a second one).
     */
    public List<Recipient> admit(String conversationId, Collection<Watcher> sockets, Instant now) {
        Instant lastAllowed = now.minus(INTERVAL);
        Semaphore slots = new Semaphore(CLAIMS_IN_FLIGHT);
        List<Watcher> due = sockets.stream()
                .filter(watcher -> watcher.activitySent(conversationId).filter(at -> at.isAfter(lastAllowed)).isEmpty())
                .toList();
        List<Future<Boolean>> claims = due.stream().map(watcher -> CLAIMS.submit(() -> {
            slots.acquire();
            try {
                return throttle.claim(watcher.socket().userId(), watcher.socket().connectionId(), conversationId, now, lastAllowed);
            } finally {
                slots.release();
            }
        })).toList();
        List<Recipient> admitted = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            if (granted(claims.get(i))) {
                admitted.add(due.get(i).socket());
            }
        }
        return admitted;
    }

    private static boolean granted(Future<Boolean> claim) {
        try {
            return claim.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("activity claim failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while claiming activity events", e);
        }
    }

    /**
     * The event: new messages up to {@code seq}, {@code unreadHint} (at least 1) of them unread as far as
     * known. Post it with {@code ProtocolCodec.instance().encode(event)} to the sockets {@link #admit} returned.
     */
    public static Frame.Event event(String conversationId, long seq, long unreadHint) {
        return ProtocolCodec.instance().event(Actions.CONVERSATION_ACTIVITY_EVENT,
                new ConversationActivityEvent(conversationId, seq, Math.max(1, unreadHint)));
    }
}
