package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationTail;

/**
 * How {@link SendMessage} sends into a large conversation, whose tail it has read: store, reply,
 * and leave delivery to the fan-out queue ({@link SendToLargeGroup}).
 */
public interface LargeGroupSend {

    SendMessage.Result send(Actor sender, String senderName, MessageDraft draft, ConversationTail tail);

    /** A deployment without the fan-out queue: a large conversation cannot be sent into (UNAVAILABLE). */
    static LargeGroupSend off() {
        return (sender, senderName, draft, tail) -> {
            throw new FailureException(new Failure.Unavailable("large conversations need FANOUT_QUEUE_URL"));
        };
    }
}
