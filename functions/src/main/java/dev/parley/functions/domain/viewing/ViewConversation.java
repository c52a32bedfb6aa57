package dev.parley.functions.domain.viewing;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.log.JsonLogger;
import dev.parley.model.Limits;
import dev.parley.model.v1.ViewConversationReply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Use case: {@code viewConversation}. A socket says which conversation it shows now; in large
 * conversations only viewing sockets get every message live, the others a throttled
 * {@code conversationActivity}. The view lasts {@code ttlSeconds} ({@link Limits#VIEW_DEFAULT_TTL_SECONDS}
 * by default, at most {@link Limits#VIEW_MAX_TTL_SECONDS}) unless the client sends it again, so a client
 * that vanished stops counting as a viewer by itself. A null {@code conversationId} stops viewing.
 *
 * <p>Cost: the membership check, one UpdateItem of the caller's connections item (which returns what
 * it viewed before), one PutItem of its entry among the conversation's {@link Viewers} (what a large
 * conversation's fan-out reads), and a DeleteItem of the previous conversation's entry only when the
 * socket switched: a refresh costs 2 write units.
 */
public final class ViewConversation {
    private static final JsonLogger LOG = JsonLogger.of(ViewConversation.class);

    private final ConversationMembers members;
    private final ViewingState state;
    private final Viewers viewers;
    private final Clock clock;

    public ViewConversation(ConversationMembers members, ViewingState state, Viewers viewers, Clock clock) {
        this.members = members;
        this.state = state;
        this.viewers = viewers;
        this.clock = clock;
    }

    public ViewConversationReply view(Actor actor, Command command) {
        if (command.conversationId() == null) {
            state.stopViewing(actor.userId(), actor.connectionId())
                    .ifPresent(before -> viewers.forget(before, actor.connectionId()));
            return new ViewConversationReply(null, 0);
        }
        String conversationId = ConversationId.require(command.conversationId());
        Duration ttl = ttl(command.ttlSeconds());
        members.requireMember(actor.userId(), conversationId);
        Instant until = clock.instant().plus(ttl);
        ViewingState.View view = state.view(actor.userId(), actor.connectionId(), conversationId, until);
        if (!view.registered()) {
            // Nothing to deliver to a socket with no entry either: it gets no fan-out at all.
            LOG.warn("viewConversation from a socket without a connection entry",
                    JsonLogger.fields("userId", actor.userId(), "connectionId", actor.connectionId()));
            return new ViewConversationReply(conversationId, ttl.toMillis());
        }
        viewers.record(conversationId, new Recipient(actor.userId(), actor.connectionId(), actor.deviceId()), until);
        if (view.before() != null && !view.before().equals(conversationId)) {
            viewers.forget(view.before(), actor.connectionId());
        }
        return new ViewConversationReply(conversationId, ttl.toMillis());
    }

    static Duration ttl(Integer ttlSeconds) {
        int seconds = ttlSeconds == null ? Limits.VIEW_DEFAULT_TTL_SECONDS : ttlSeconds;
        if (seconds < 1 || seconds > Limits.VIEW_MAX_TTL_SECONDS) {
            throw RequestFields.badRequest("Field \"ttlSeconds\" must be 1 to " + Limits.VIEW_MAX_TTL_SECONDS + ".");
        }
        return Duration.ofSeconds(seconds);
    }

    /** What the caller asks for: the {@code viewConversation} action's fields, as the handler read them. */
    public record Command(String conversationId, Integer ttlSeconds) {
    }
}
