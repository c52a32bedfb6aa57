package dev.parley.functions.domain.typing;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.conversation.ConversationTail;
import dev.parley.functions.domain.conversation.MemberRows;
import dev.parley.functions.domain.conversation.ConversationTails;
import dev.parley.functions.domain.ratelimit.PerMinuteLimit;
import dev.parley.functions.domain.sync.History;
import dev.parley.model.Limits;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.TypingEvent;
import dev.parley.model.v1.TypingReply;

import java.util.List;
import java.util.Set;

/**
 * Use case: a typing indicator, passed on to the other members' live devices (never the typist's
 * own) and never stored. "typing" expires after {@link Limits#TYPING_EXPIRES_MS} unless repeated;
 * "stopped" ends it. Rate-limited to {@link Limits#TYPING_PER_MINUTE} a minute per user (one
 * write unit); then the header read (membership) and one BatchGet of connections.
 */
public final class SendTyping {
    private static final Set<String> STATES = Set.of("typing", "stopped");

    private final ConversationTails messages;
    private final FanOut fanOut;
    private final PerMinuteLimit limit;
    private final MemberRows rows;

    /** @param rows membership in large conversations, where typing is accepted and told to nobody */
    public SendTyping(ConversationTails messages, FanOut fanOut, PerMinuteLimit limit, MemberRows rows) {
        this.rows = rows;
        this.messages = messages;
        this.fanOut = fanOut;
        this.limit = limit;
    }

    public TypingReply type(Actor actor, Command command) {
        String conversationId = ConversationId.require(command.conversationId());
        String state = RequestFields.required(command.state(), "state");
        if (!STATES.contains(state)) {
            throw RequestFields.badRequest("Field \"state\" must be \"typing\" or \"stopped\".");
        }
        if (!limit.admits(actor.userId())) {
            throw new FailureException(new Failure.RateLimited(Actions.TYPING, limit.perMinute()));
        }
        ConversationTail tail = History.requireMember(messages, rows, actor.userId(), conversationId);
        List<String> others = tail.members().stream().filter(member -> !member.equals(actor.userId())).toList();
        if (!others.isEmpty()) {
            fanOut.send(others, null, ProtocolCodec.instance().event(Actions.TYPING_EVENT,
                    new TypingEvent(conversationId, actor.userId(), state, Limits.TYPING_EXPIRES_MS)));
        }
        return new TypingReply();
    }

    /** What the caller asks for: the {@code typing} action's fields, as the handler read them. */
    public record Command(String conversationId, String state) {
    }
}
