package dev.parley.functions.domain.message;

import dev.parley.functions.domain.conversation.ConversationTails;

/** Port: the conversations' timelines, each a header and its messages numbered 1, 2, 3, ... */
public interface MessageRepository extends ConversationTails {

    /** Stores the message under its seq unless that seq is already taken; never overwrites. */
    Append append(Message message);

    /** What became of an {@link #append}. */
    sealed interface Append {
        record Stored(Message message) implements Append {
        }

        /** Another message holds this seq: a concurrent send won it, or the read it came from was stale. */
        record SeqTaken(long seq) implements Append {
        }
    }
}
