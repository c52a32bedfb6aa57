package dev.parley.functions.domain.sync;

import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.message.InMemoryMessageRepository;
import dev.parley.functions.domain.message.Message;

import java.util.Collection;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The in-memory fake of {@link Timeline}: headers kept here, messages read from an {@link InMemoryMessageRepository}. */
public final class InMemoryTimeline implements Timeline {
    private final InMemoryMessageRepository messages;
    private final Map<String, Conversation> headers = new ConcurrentHashMap<>();
    private final AtomicInteger pageReads = new AtomicInteger();
    private final List<String> headersRead = new java.util.concurrent.CopyOnWriteArrayList<>();

    public InMemoryTimeline(InMemoryMessageRepository messages) {
        this.messages = messages;
    }

    public void put(Conversation header) {
        headers.put(header.conversationId(), header);
    }

    /** How many pages of messages were read: the cost that must follow what changed. */
    public int pageReads() {
        return pageReads.get();
    }

    /** The conversations whose header was read on its own (BatchGetItem), once per read. */
    public List<String> headersRead() {
        return List.copyOf(headersRead);
    }

    @Override
    public Map<String, Conversation> headers(Collection<String> conversationIds) {
        headersRead.addAll(conversationIds);
        Map<String, Conversation> found = new HashMap<>();
        conversationIds.stream().filter(headers::containsKey).forEach(id -> found.put(id, headers.get(id)));
        return found;
    }

    @Override
    public List<Message> after(String conversationId, long afterSeq, int limit) {
        pageReads.incrementAndGet();
        return messages.messages(conversationId).stream().filter(m -> m.seq() > afterSeq).limit(limit).toList();
    }

    @Override
    public Optional<Latest> latest(String conversationId, long fromSeq, int limit) {
        pageReads.incrementAndGet();
        Conversation header = headers.get(conversationId);
        if (header == null) {
            return Optional.empty();
        }
        List<Message> newestFirst = new ArrayList<>(messages.messages(conversationId).stream()
                .filter(m -> m.seq() >= Math.max(1, fromSeq)).toList());
        Collections.reverse(newestFirst);
        newestFirst = newestFirst.subList(0, Math.min(limit, newestFirst.size()));
        if (!newestFirst.isEmpty()) {
            Message last = newestFirst.getFirst();
            header = header.withLatest(last.seq(), last.sentAt());
        }
        return Optional.of(new Latest(header, newestFirst));
    }

    @Override
    public List<Message> before(String conversationId, long beforeSeq, int limit) {
        pageReads.incrementAndGet();
        List<Message> older = messages.messages(conversationId).stream().filter(m -> m.seq() < beforeSeq).toList();
        return older.subList(Math.max(0, older.size() - limit), older.size());
    }
}
