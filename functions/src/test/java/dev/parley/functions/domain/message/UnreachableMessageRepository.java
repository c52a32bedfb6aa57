package dev.parley.functions.domain.message;

import java.util.Optional;
import dev.parley.functions.domain.conversation.ConversationTail;

/** A store that fails every call, as an unreachable table would; moto cannot be made to fail on cue. */
public final class UnreachableMessageRepository implements MessageRepository {

    @Override
    public Optional<ConversationTail> tail(String conversationId, int recentMessages, Read read) {
        throw new IllegalStateException("table unreachable");
    }

    @Override
    public Optional<Message> find(String conversationId, long seq) {
        throw new IllegalStateException("unreachable");
    }

    @Override
    public Append append(Message message) {
        throw new IllegalStateException("table unreachable");
    }
}
