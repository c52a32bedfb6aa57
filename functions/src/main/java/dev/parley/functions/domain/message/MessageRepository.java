package dev.parley.functions.domain.message;

import java.util.Optional;

/** Port: the conversations' timelines, each a header and its messages numbered 1, 2, 3, ... */
public interface MessageRepository {

    /**
     * The conversation's header and its {@code recentMessages} newest messages, in one read; empty
     * when there is no such conversation. An eventually consistent read may lag a recent write:
     * its {@code lastSeq} is then too low, never too high.
     */
    Optional<ConversationTail> tail(String conversationId, int recentMessages, Read read);

    /** Stores the message under its seq unless that seq is already taken; never overwrites. */
    Append append(Message message);

    enum Read { EVENTUALLY_CONSISTENT, CONSISTENT }

    /** What became of an {@link #append}. */
    sealed interface Append {
        record Stored(Message message) implements Append {
        }

        /** Another message holds this seq: a concurrent send won it, or the read it came from was stale. */
        record SeqTaken(long seq) implements Append {
        }
    }
}
