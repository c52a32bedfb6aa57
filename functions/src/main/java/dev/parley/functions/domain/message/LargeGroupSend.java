package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationTail;

import java.util.Collection;
import java.util.Set;
import java.util.function.Function;

/**
 * How {@link SendMessage} sends into a large conversation, whose tail it has read: store, reply,
 * and leave delivery to the fan-out queue ({@link SendToLargeGroup}).
 */
public interface LargeGroupSend {

    /**
     * @param addressing completes the end-to-end encrypted forms' device check against the conversation's rows
     * @param race       the send's race for a seq, started when the send began
     */
    SendMessage.Result send(Actor sender, String senderName, MessageDraft draft, ConversationTail tail, Check addressing,
                            SeqRetries.Race race);

    /** A deployment without the fan-out queue: a large conversation cannot be sent into (UNAVAILABLE). */
    static LargeGroupSend off() {
        return (sender, senderName, draft, tail, addressing, race) -> {
            throw new FailureException(new Failure.Unavailable("large conversations need FANOUT_QUEUE_URL"));
        };
    }

    /** The send's {@link EnvelopeCheck}, its device reads under way, waiting for a way to tell members. */
    interface Check {
        /** @param membersAmong which of the named users are members (their rows, read consistently) */
        Addressing finish(Function<Collection<String>, Set<String>> membersAmong);
    }
}
