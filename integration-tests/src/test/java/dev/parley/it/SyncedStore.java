package dev.parley.it;

import dev.parley.model.v1.Actions;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.SyncReply;
import dev.parley.model.v1.SyncRequest;
import dev.parley.model.v1.SyncedConversation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client keeps between syncs (docs/protocol/sync.md): a cursor per conversation (the
 * highest seq it holds), the syncToken of its last completed sync, and the messages it got.
 * {@link #catchUp} pages the way the docs tell clients to, and checks on every page that no
 * message comes twice and none is skipped.
 */
final class SyncedStore {
    /** More pages than any test needs: a sync that never ends is a finding. */
    private static final int MAX_PAGES = 30;

    private final Map<String, Long> cursors = new HashMap<>();
    private final Map<String, List<MessageEvent>> messages = new HashMap<>();
    private final Map<String, SyncedConversation> latest = new LinkedHashMap<>();
    private final List<String> removed = new ArrayList<>();
    private String since;

    /**
     * A store that has "everything up to now": one sync whose syncToken it keeps, ignoring what
     * that first page holds (the test users carry conversations from other tests and runs).
     */
    static SyncedStore startingNow(Device device) {
        SyncedStore store = new SyncedStore();
        SyncReply first = device.call(Actions.SYNC, new SyncRequest(null, null, 1), SyncReply.class);
        assertThat(first.syncToken()).as("every sync reply carries a syncToken").isNotBlank();
        store.since = first.syncToken();
        return store;
    }

    /** A brand-new device: no cursors, no syncToken. */
    static SyncedStore empty() {
        return new SyncedStore();
    }

    /** The device already holds the conversation up to {@code seq} (for example it created it). */
    SyncedStore holding(String conversationId, long seq) {
        cursors.put(conversationId, seq);
        messages.putIfAbsent(conversationId, new ArrayList<>());
        return this;
    }

    /**
     * Syncs until nothing is left: while the reply's {@code hasMore} is true, or a conversation
     * the device sent a cursor for has {@code hasMore}, it syncs again with the updated cursors
     * and the same {@code since}; then it keeps the last reply's syncToken. Stops early once
     * every conversation of {@code enough} was seen, for tests that only care about those.
     */
    List<SyncReply> catchUp(Device device, Integer limit, Set<String> enough) {
        List<SyncReply> pages = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, Long> sent = Map.copyOf(cursors);
            SyncReply reply = device.call(Actions.SYNC, new SyncRequest(sent.isEmpty() ? null : sent, since, limit), SyncReply.class);
            pages.add(reply);
            boolean more = reply.hasMore();
            for (SyncedConversation synced : reply.conversations()) {
                more |= take(synced, sent.get(synced.conversation().conversationId()));
            }
            if (reply.removed() != null) {
                removed.addAll(reply.removed());
            }
            if (!more || (!enough.isEmpty() && latest.keySet().containsAll(enough))) {
                if (!more) {
                    since = reply.syncToken();
                }
                return pages;
            }
        }
        throw new AssertionError("sync did not finish within " + MAX_PAGES + " pages");
    }

    List<SyncReply> catchUp(Device device, Integer limit) {
        return catchUp(device, limit, Set.of());
    }

    /** Adds a page's messages of one conversation; true when the device must sync again for more of it. */
    private boolean take(SyncedConversation synced, Long cursorSent) {
        String id = synced.conversation().conversationId();
        latest.put(id, synced);
        List<MessageEvent> held = messages.computeIfAbsent(id, k -> new ArrayList<>());
        List<MessageEvent> page = synced.messages();
        assertThat(page).extracting(MessageEvent::seq).as("messages of " + id + " ascending by seq").isSorted();
        for (MessageEvent message : page) {
            assertThat(message.conversationId()).isEqualTo(id);
            if (!held.isEmpty()) {
                assertThat(message.seq()).as("no duplicate and no gap in " + id).isEqualTo(held.getLast().seq() + 1);
            } else if (cursorSent != null) {
                assertThat(message.seq()).as("the first message after cursor " + cursorSent + " of " + id).isEqualTo(cursorSent + 1);
            }
            held.add(message);
        }
        long highest = page.isEmpty() ? synced.conversation().lastSeq() : page.getLast().seq();
        cursors.merge(id, highest, Math::max);
        return cursorSent != null && synced.hasMore();
    }

    List<MessageEvent> messages(String conversationId) {
        return messages.getOrDefault(conversationId, List.of());
    }

    /** The conversation as the latest page that listed it described it. */
    SyncedConversation latest(String conversationId) {
        SyncedConversation synced = latest.get(conversationId);
        assertThat(synced).as("sync listed " + conversationId).isNotNull();
        return synced;
    }

    /** Conversation ids in the order sync listed them first. */
    List<String> order() {
        return List.copyOf(latest.keySet());
    }

    List<String> removed() {
        return removed;
    }

    String since() {
        return since;
    }

    long cursor(String conversationId) {
        return cursors.getOrDefault(conversationId, 0L);
    }
}
