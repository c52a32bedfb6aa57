package dev.parley.functions.domain.sync;

import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.SyncedConversation;

import java.util.ArrayList;
import java.util.List;

/**
 * Fills a sync reply up to a byte budget, conversation by conversation, in the order given.
 * A conversation that does not fit ends the page; one whose messages do not all fit goes in with
 * as many as fit (its {@code hasMore} set) and ends the page. The first conversation always goes
 * in with at least one message, so every page makes progress.
 */
final class SyncPage {
    private final long budget;
    private final List<SyncedConversation> conversations = new ArrayList<>();
    private long used;
    private boolean full;

    SyncPage(long budget) {
        this.budget = budget;
    }

    /**
     * Adds the conversation, cut to fit if needed.
     *
     * @param keepNewest when cutting, keep the newest messages (a latest page) rather than the oldest (a page after a cursor)
     * @return false when it did not fit at all: the page is full and the conversation is left for the next one
     */
    boolean add(SyncedConversation conversation, boolean keepNewest) {
        if (full) {
            return false;
        }
        List<MessageEvent> messages = conversation.messages();
        long base = bytes(withMessages(conversation, List.of(), conversation.hasMore()));
        long[] sizes = messages.stream().mapToLong(message -> bytes(message) + 1).toArray();
        long total = base;
        for (long size : sizes) {
            total += size;
        }
        if (used + total <= budget) {
            conversations.add(conversation);
            used += total;
            return true;
        }
        full = true;
        int fits = 0;
        long room = budget - used - base;
        for (int i = 0; i < sizes.length; i++) {
            long size = sizes[keepNewest ? sizes.length - 1 - i : i];
            if (room < size) {
                break;
            }
            room -= size;
            fits++;
        }
        if (fits == 0 && conversations.isEmpty()) {
            fits = Math.min(1, messages.size());
        }
        if (fits == 0 && !(conversations.isEmpty() && messages.isEmpty())) {
            return false;
        }
        List<MessageEvent> kept = keepNewest
                ? messages.subList(messages.size() - fits, messages.size())
                : messages.subList(0, fits);
        conversations.add(withMessages(conversation, List.copyOf(kept), true));
        return true;
    }

    boolean full() {
        return full;
    }

    List<SyncedConversation> conversations() {
        return List.copyOf(conversations);
    }

    static long bytes(Object value) {
        return ProtocolCodec.instance().encodedBytes(value);
    }

    private static SyncedConversation withMessages(SyncedConversation c, List<MessageEvent> messages, boolean hasMore) {
        return new SyncedConversation(c.conversation(), c.members(), messages, hasMore, c.readSeq(), c.deliveredSeq(),
                c.muted(), c.receipts());
    }
}
