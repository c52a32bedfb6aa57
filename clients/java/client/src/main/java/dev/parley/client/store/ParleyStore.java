package dev.parley.client.store;

import dev.parley.model.v1.MemberCursor;
import dev.parley.model.v1.MessageEvent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the SDK keeps on the device. Implementations: {@link InMemoryStore} (tests, throwaway
 * sessions), {@link SqliteStore} (the JVM, sqlite-jdbc); on Android, one on the platform's
 * SQLite (docs/client-java.md shows how). The SDK calls a store from one thread at a time, but
 * an app may read it from others, so implementations are thread-safe.
 *
 * <p>Every write must be durable when the method returns: the outbox's exactly-once guarantee
 * rests on {@link #enqueue} being on disk before the first send attempt.
 */
public interface ParleyStore extends AutoCloseable {

    // Conversations

    /** Inserts or replaces the conversation. */
    void putConversation(StoredConversation conversation);

    Optional<StoredConversation> conversation(String conversationId);

    /** Every conversation held, most recently active first. */
    List<StoredConversation> conversations();

    /** Forgets the conversation with its messages, cursor and receipts (the user was removed or left). */
    void removeConversation(String conversationId);

    // Messages

    /** Stores the message; false, changing nothing, when (conversationId, seq) is already held. */
    boolean putMessage(MessageEvent message);

    /** Messages with seq greater than {@code afterSeq}, ascending, at most {@code limit}. */
    List<MessageEvent> messages(String conversationId, long afterSeq, int limit);

    boolean hasMessage(String conversationId, long seq);

    // Sync state

    /** The device's cursor per conversation: the highest seq up to which it holds every message. */
    Map<String, Long> cursors();

    void setCursor(String conversationId, long seq);

    /** The syncToken of the last completed sync, sent as {@code since} on the next one. */
    Optional<String> syncToken();

    void setSyncToken(String syncToken);

    // Receipts (other members' cursors)

    void putReceipt(String conversationId, MemberCursor cursor);

    List<MemberCursor> receipts(String conversationId);

    // Outbox

    /**
     * Adds a message to the outbox and returns it with its {@code localId}; durable on return. A
     * {@code clientMessageId} already in the outbox is refused with IllegalArgumentException.
     */
    default OutboxEntry enqueue(String clientMessageId, String conversationId, String text, Long replyToSeq, List<String> media,
                                long createdAt) {
        return enqueue(clientMessageId, conversationId, text, replyToSeq, media, null, createdAt);
    }

    /** The same, with a file to upload before the send (null for none). */
    OutboxEntry enqueue(String clientMessageId, String conversationId, String text, Long replyToSeq, List<String> media,
                        Attachment attachment, long createdAt);

    /** The outbox in sending order (by localId), stuck entries included. */
    List<OutboxEntry> outbox();

    /** Marks the entry stuck with its reason, or pending again when {@code reason} is null. */
    void setStuck(String clientMessageId, OutboxEntry.Stuck reason);

    /** Removes the entry (the server stored it, or the app discarded it); false when it was not there. */
    boolean removeFromOutbox(String clientMessageId);

    @Override
    void close();
}
