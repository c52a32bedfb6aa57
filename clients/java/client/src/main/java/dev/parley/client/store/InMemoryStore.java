package dev.parley.client.store;

import dev.parley.model.v1.MemberCursor;
import dev.parley.model.v1.MessageEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link ParleyStore} in memory: for tests and sessions that keep nothing. Lost with the process. */
public final class InMemoryStore implements ParleyStore {
    private final Map<String, StoredConversation> conversations = new HashMap<>();
    private final Map<String, NavigableMap<Long, MessageEvent>> messages = new HashMap<>();
    private final Map<String, Long> cursors = new HashMap<>();
    private final Map<String, Map<String, MemberCursor>> receipts = new HashMap<>();
    private final Map<String, OutboxEntry> outbox = new LinkedHashMap<>();
    private String syncToken;
    private long nextLocalId = 1;

    @Override
    public synchronized void putConversation(StoredConversation conversation) {
        conversations.put(conversation.conversationId(), conversation);
    }

    @Override
    public synchronized Optional<StoredConversation> conversation(String conversationId) {
        return Optional.ofNullable(conversations.get(conversationId));
    }

    @Override
    public synchronized List<StoredConversation> conversations() {
        List<StoredConversation> all = new ArrayList<>(conversations.values());
        all.sort(Comparator.comparingLong((StoredConversation c) -> c.summary().lastActivityAt()).reversed());
        return all;
    }

    @Override
    public synchronized void removeConversation(String conversationId) {
        conversations.remove(conversationId);
        messages.remove(conversationId);
        cursors.remove(conversationId);
        receipts.remove(conversationId);
    }

    @Override
    public synchronized boolean putMessage(MessageEvent message) {
        return messages.computeIfAbsent(message.conversationId(), id -> new TreeMap<>())
                .putIfAbsent(message.seq(), message) == null;
    }

    @Override
    public synchronized List<MessageEvent> messages(String conversationId, long afterSeq, int limit) {
        NavigableMap<Long, MessageEvent> held = messages.getOrDefault(conversationId, new TreeMap<>());
        List<MessageEvent> page = new ArrayList<>();
        for (MessageEvent message : held.tailMap(afterSeq, false).values()) {
            if (page.size() == limit) {
                break;
            }
            page.add(message);
        }
        return page;
    }

    @Override
    public synchronized boolean hasMessage(String conversationId, long seq) {
        return messages.getOrDefault(conversationId, new TreeMap<>()).containsKey(seq);
    }

    @Override
    public synchronized Map<String, Long> cursors() {
        return new HashMap<>(cursors);
    }

    @Override
    public synchronized void setCursor(String conversationId, long seq) {
        cursors.put(conversationId, seq);
    }

    @Override
    public synchronized Optional<String> syncToken() {
        return Optional.ofNullable(syncToken);
    }

    @Override
    public synchronized void setSyncToken(String syncToken) {
        this.syncToken = syncToken;
    }

    @Override
    public synchronized void putReceipt(String conversationId, MemberCursor cursor) {
        receipts.computeIfAbsent(conversationId, id -> new LinkedHashMap<>()).put(cursor.userId(), cursor);
    }

    @Override
    public synchronized List<MemberCursor> receipts(String conversationId) {
        return new ArrayList<>(receipts.getOrDefault(conversationId, Map.of()).values());
    }

    @Override
    public synchronized OutboxEntry enqueue(String clientMessageId, String conversationId, String text, Long replyToSeq,
                                            List<String> media, Attachment attachment, long createdAt) {
        if (outbox.containsKey(clientMessageId)) {
            throw new IllegalArgumentException("clientMessageId " + clientMessageId + " is already in the outbox");
        }
        OutboxEntry entry = new OutboxEntry(nextLocalId++, clientMessageId, conversationId, text, replyToSeq,
                media == null ? List.of() : List.copyOf(media), attachment, createdAt, OutboxEntry.Status.PENDING, null);
        outbox.put(clientMessageId, entry);
        return entry;
    }

    @Override
    public synchronized List<OutboxEntry> outbox() {
        return new ArrayList<>(outbox.values());
    }

    @Override
    public synchronized void setStuck(String clientMessageId, OutboxEntry.Stuck reason) {
        outbox.computeIfPresent(clientMessageId, (id, entry) -> entry.withStuck(reason));
    }

    @Override
    public synchronized boolean removeFromOutbox(String clientMessageId) {
        return outbox.remove(clientMessageId) != null;
    }

    @Override
    public void close() {
    }
}
