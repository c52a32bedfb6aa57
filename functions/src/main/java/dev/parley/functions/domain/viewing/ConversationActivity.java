package dev.parley.functions.domain.viewing;

import dev.parley.model.Frame;
import dev.parley.model.Limits;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ConversationActivityEvent;

import java.time.Duration;

/**
 * The {@code conversationActivity} event a large conversation's activity round sends each live socket
 * not viewing it, and the round's {@link #INTERVAL}.
 *
 * <p>The one claim that limits the events is the conversation's round ({@link ActivityRounds}: one
 * conditional write, at most one round per {@link #INTERVAL}), so a round tells each socket at most once
 * and no socket is written to; which sockets it tells, once per unread episode, is {@link ActivityHints}. A page redelivered after a worker failed (or some of its posts did) is
 * posted again, as is every page after it, which its redelivery enqueues again: those sockets get the
 * same event (same {@code seq}) a second time. The event is an idempotent hint (a client moves its
 * {@code lastSeq} up to it, never down), so a repeat costs a post, not a wrong count; a per-socket
 * claim would cost a conditional write for every socket told, each round, to prevent it.
 */
public final class ConversationActivity {
    public static final Duration INTERVAL = Duration.ofMillis(Limits.ACTIVITY_INTERVAL_MS);

    private ConversationActivity() {
    }

    /**
     * The event: new messages up to {@code seq}, {@code unreadHint} (at least 1) of them unread as far as
     * known. Post it with {@code ProtocolCodec.instance().encode(event)}.
     */
    public static Frame.Event event(String conversationId, long seq, long unreadHint) {
        return ProtocolCodec.instance().event(Actions.CONVERSATION_ACTIVITY_EVENT,
                new ConversationActivityEvent(conversationId, seq, Math.max(1, unreadHint)));
    }
}
