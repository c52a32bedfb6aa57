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

/**
 * Decides which sockets that do not view a conversation may be told of its activity now: at most one
 * {@code conversationActivity} per (socket, conversation) per {@link #INTERVAL}.
 *
 * <p>Cost: a socket whose item, as the fan-out read it, shows an event within the interval is skipped
 * with no call. Every other socket costs one conditional UpdateItem of its user's connections item (one
 * write unit per KB of that item, typically 1; a failed condition costs the same), made only when an
 * event may go out: at most one per socket and conversation per 30 s, however busy the conversation.
 */
public final class ConversationActivity {
    public static final Duration INTERVAL = Duration.ofMillis(Limits.ACTIVITY_INTERVAL_MS);

    private final ActivityThrottle throttle;

    public ConversationActivity(ActivityThrottle throttle) {
        this.throttle = throttle;
    }

    /** The sockets among {@code sockets} that may be sent a {@code conversationActivity} for this conversation now. */
    public List<Recipient> admit(String conversationId, Collection<Watcher> sockets, Instant now) {
        Instant lastAllowed = now.minus(INTERVAL);
        List<Recipient> admitted = new ArrayList<>();
        for (Watcher watcher : sockets) {
            boolean sentRecently = watcher.activitySent(conversationId).filter(at -> at.isAfter(lastAllowed)).isPresent();
            if (!sentRecently && throttle.claim(watcher.socket().userId(), watcher.socket().connectionId(),
                    conversationId, now, lastAllowed)) {
                admitted.add(watcher.socket());
            }
        }
        return admitted;
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
