package dev.parley.functions.domain.push;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Membership rows' push fields in a map, for use case tests. */
public final class InMemoryInboxes implements Inboxes {
    private final Map<String, Map<String, Inbox.Entry>> rows = new HashMap<>();

    /** Makes the user a member whose row knows {@code lastSeq} and who read up to {@code readSeq}. */
    public synchronized void member(String userId, String conversationId, long lastSeq, long readSeq) {
        rows.computeIfAbsent(userId, user -> new HashMap<>()).put(conversationId, new Inbox.Entry(lastSeq, readSeq, 0));
    }

    /**
     * Makes the user a member of a large conversation: messages there do not move the row, so its
     * {@code lastSeq} is whatever the user's own cursor moves raised it to; {@code updatedAt} in epoch ms.
     */
    public synchronized void largeMember(String userId, String conversationId, long lastSeq, long readSeq, long updatedAt) {
        rows.computeIfAbsent(userId, user -> new HashMap<>())
                .put(conversationId, new Inbox.Entry(lastSeq, readSeq, 0, true, updatedAt));
    }

    @Override
    public synchronized Inbox of(String userId) {
        return new Inbox(rows.getOrDefault(userId, Map.of()));
    }

    @Override
    public synchronized boolean mute(String userId, String conversationId, long mutedUntil, Instant now) {
        Inbox.Entry entry = rows.getOrDefault(userId, Map.of()).get(conversationId);
        if (entry == null) {
            return false;
        }
        rows.get(userId).put(conversationId,
                new Inbox.Entry(entry.lastSeq(), entry.readSeq(), mutedUntil, entry.large(), now.toEpochMilli()));
        return true;
    }
}
