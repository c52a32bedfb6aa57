package dev.parley.functions.domain.message;

import dev.parley.functions.domain.conversation.ConversationTails;
import dev.parley.model.Limits;

import java.time.Instant;
import java.util.Optional;

/** Port: the conversations' timelines, each a header and its messages numbered 1, 2, 3, ... */
public interface MessageRepository extends ConversationTails {

    /**
     * Stores the message under its seq unless that seq is already taken, or the same sender's device
     * already stored its clientMessageId in this conversation less than {@link Limits#IDEMPOTENCY_HOURS}
     * before the message's sentAt; never overwrites. The message and the record of its
     * clientMessageId are stored together or not at all.
     */
    Append append(Message message);

    /** The stored message at {@code seq}, read consistently; empty when there is none. */
    Optional<Message> find(String conversationId, long seq);

    /** What became of an {@link #append}. */
    sealed interface Append {
        record Stored(Message message) implements Append {
        }

        /** Another message holds this seq: a concurrent send won it, or the read it came from was stale. */
        record SeqTaken(long seq) implements Append {
        }

        /** This is a retry: the sender's device stored this clientMessageId at {@code seq}; nothing was stored now. */
        record AlreadyStored(long seq, Instant sentAt) implements Append {
        }
    }
}
