package dev.parley.functions.domain.push;

import java.time.Instant;
import java.util.Map;

/**
 * A user's side of their conversations, as far as pushes care: how far each was read, and which
 * are muted. Read from the user's membership rows.
 */
public record Inbox(Map<String, Entry> conversations) {

    public Inbox {
        conversations = Map.copyOf(conversations);
    }

    /**
     * One membership row.
     *
     * @param lastSeq    the conversation's last seq as the row knows it (0 when absent)
     * @param readSeq    how far the user read (0 when absent)
     * @param mutedUntil epoch ms until which pushes of the conversation are silenced; 0 when not muted
     */
    public record Entry(long lastSeq, long readSeq, long mutedUntil) {
    }

    /** Whether the user is a member of the conversation (a removed member gets no push). */
    public boolean isMember(String conversationId) {
        return conversations.containsKey(conversationId);
    }

    public boolean muted(String conversationId, Instant now) {
        Entry entry = conversations.get(conversationId);
        return entry != null && entry.mutedUntil() > now.toEpochMilli();
    }

    /**
     * The badge: unread messages over all conversations, max(0, lastSeq - readSeq) each. The row of
     * the conversation being pushed may not know {@code seq} yet (the send path updates it in
     * parallel with the enqueue), so that one counts up to at least {@code seq}.
     */
    public long unread(String conversationId, long seq) {
        long total = 0;
        for (Map.Entry<String, Entry> row : conversations.entrySet()) {
            Entry entry = row.getValue();
            long last = row.getKey().equals(conversationId) ? Math.max(entry.lastSeq(), seq) : entry.lastSeq();
            total += Math.max(0, last - entry.readSeq());
        }
        return total;
    }
}
