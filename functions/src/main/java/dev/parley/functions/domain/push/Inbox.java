package dev.parley.functions.domain.push;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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
     * @param lastSeq    the conversation's last seq as the row knows it (0 when absent); a large
     *                   conversation's messages do not move it, so there it is only what the user's own
     *                   cursor moves raised it to
     * @param readSeq    how far the user read (0 when absent)
     * @param mutedUntil epoch ms until which pushes of the conversation are silenced; 0 when not muted
     * @param large      the row of a large conversation
     * @param updatedAt  epoch ms of the row's last change (a read, a mute, joining); 0 when absent
     */
    public record Entry(long lastSeq, long readSeq, long mutedUntil, boolean large, long updatedAt) {

        /** The row of a small conversation. */
        public Entry(long lastSeq, long readSeq, long mutedUntil) {
            this(lastSeq, readSeq, mutedUntil, false, 0);
        }
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
     * The large conversations, other than {@code pushed}, whose last seq the badge must read from their
     * timelines: at most {@code max}, those whose rows the user changed most recently first (then by id).
     */
    public List<String> largeToRead(String pushed, int max) {
        return conversations.entrySet().stream()
                .filter(row -> row.getValue().large() && !row.getKey().equals(pushed))
                .sorted(Comparator.comparingLong((Map.Entry<String, Entry> row) -> row.getValue().updatedAt()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(max)
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * The badge: unread messages over all conversations, max(0, lastSeq - readSeq) each. The row of
     * the conversation being pushed may not know {@code seq} yet (the send path updates it in
     * parallel with the enqueue; a large conversation's never), so that one counts up to at least
     * {@code seq}. Any other conversation counts up to its row's lastSeq or, when larger, its entry in
     * {@code lastSeqs} (what the timelines of large conversations said).
     */
    public long unread(String conversationId, long seq, Map<String, Long> lastSeqs) {
        long total = 0;
        for (Map.Entry<String, Entry> row : conversations.entrySet()) {
            Entry entry = row.getValue();
            long known = row.getKey().equals(conversationId) ? seq : lastSeqs.getOrDefault(row.getKey(), 0L);
            total += Math.max(0, Math.max(entry.lastSeq(), known) - entry.readSeq());
        }
        return total;
    }
}
