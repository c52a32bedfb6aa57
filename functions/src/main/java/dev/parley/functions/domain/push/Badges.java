package dev.parley.functions.domain.push;

import dev.parley.functions.domain.conversation.ConversationTail;
import dev.parley.functions.domain.conversation.ConversationTails;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The badge each push carries: the user's unread total over their conversations. A small
 * conversation's row holds its last seq (every message moves it); a large one's does not (issue 18:
 * no per-member write per message), so its last seq is read from its timeline: one eventually
 * consistent Query of the header and the newest message ({@link ConversationTails#tail}), as sync
 * and markRead read it.
 *
 * <p>What that costs does not follow the group's size, only the user's large conversations: per
 * job, one read per distinct large conversation among the pushed users' rows (members of one group
 * share most of theirs), at most {@link #LARGE_READS_PER_USER} per user, {@link #PARALLEL_READS} at a
 * time. The pushed conversation is never read: the job's seq is its last as far as the push goes. A
 * user in more large conversations gets the most recently read ones counted exactly and the rest
 * from their rows, which count too low (docs/protocol/push.md).
 */
final class Badges {
    /** Large conversations read per user's badge, besides the pushed one. */
    static final int LARGE_READS_PER_USER = 25;
    /** Enough to hide latency, few enough to stay within a partition's and the client's pool. */
    static final int PARALLEL_READS = 16;

    private final ConversationTails tails;

    Badges(ConversationTails tails) {
        this.tails = tails;
    }

    /** Each user's badge for a push of {@code seq} in {@code conversationId}, by user id. */
    Map<String, Long> of(Map<String, Inbox> inboxes, String conversationId, long seq) {
        Set<String> large = new LinkedHashSet<>();
        inboxes.values().forEach(inbox -> large.addAll(inbox.largeToRead(conversationId, LARGE_READS_PER_USER)));
        Map<String, Long> lastSeqs = lastSeqs(large);
        Map<String, Long> badges = new LinkedHashMap<>();
        inboxes.forEach((userId, inbox) -> badges.put(userId, inbox.unread(conversationId, seq, lastSeqs)));
        return badges;
    }

    /** The last seq of each conversation that still exists; the first failed read is thrown. */
    private Map<String, Long> lastSeqs(Collection<String> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        try (ExecutorService reads = Executors.newFixedThreadPool(Math.min(PARALLEL_READS, conversationIds.size()),
                Thread.ofVirtual().factory())) {
            Map<String, Future<Long>> pending = new LinkedHashMap<>();
            for (String id : conversationIds) {
                pending.put(id, reads.submit(() -> tails.tail(id, 1, ConversationTails.Read.EVENTUALLY_CONSISTENT)
                        .map(ConversationTail::lastSeq).orElse(0L)));
            }
            Map<String, Long> lastSeqs = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Long>> read : pending.entrySet()) {
                lastSeqs.put(read.getKey(), read.getValue().get());
            }
            return lastSeqs;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading conversations' last seqs", e);
        }
    }
}
