package dev.parley.functions.domain.sync;

import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.message.Message;
import dev.parley.model.Limits;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one sync reads of the user's large conversations: one Query per conversation, in parallel,
 * of its header and its newest messages down to the device's cursor, at most
 * {@link Limits#LARGE_SYNC_PAGE} + 1 ({@link Timeline#latest}). Their membership rows say nothing of
 * their messages, so this read is both what tells sync that one changed and, for a device at most
 * {@link Limits#LARGE_SYNC_PAGE} messages behind (every device that was online when the message
 * came) or new to the conversation, all the page it gets: the conversation's partition is read once
 * per sync, not three times (its tail, its header, its page), which is what lets 5,000 members sync at
 * once within the partition's read capacity (docs/cost.md, "Hot partitions"). A device further behind
 * gets its page by one more Query, as in a small conversation.
 */
final class LargeTimelines {
    private final Map<String, Timeline.Latest> reads;

    private LargeTimelines(Map<String, Timeline.Latest> reads) {
        this.reads = reads;
    }

    /** Reads each large conversation among {@code rows}, from the device's cursor (the newest page without one). */
    static LargeTimelines read(Timeline timeline, List<MemberState> rows, Map<String, Long> cursors, ExecutorService pool) {
        Map<String, CompletableFuture<Optional<Timeline.Latest>>> started = rows.stream()
                .filter(MemberState::large)
                .map(MemberState::conversationId)
                .collect(Collectors.toMap(Function.identity(), id -> CompletableFuture.supplyAsync(() -> timeline.latest(id,
                        cursors.getOrDefault(id, 1L), Limits.LARGE_SYNC_PAGE + 1), pool)));
        Map<String, Timeline.Latest> reads = new java.util.HashMap<>();
        started.forEach((id, read) -> read.join().ifPresent(latest -> reads.put(id, latest)));
        return new LargeTimelines(reads);
    }

    /** The row as if its conversation's messages had moved it: the read's last seq and time. */
    MemberState row(MemberState row) {
        Timeline.Latest latest = reads.get(row.conversationId());
        if (latest == null || latest.newestFirst().isEmpty()) {
            return row;
        }
        return row.at(latest.header().lastSeq(), latest.header().lastActivityAt().toEpochMilli());
    }

    /** The header the read brought, for a large conversation; empty for any other. */
    Optional<Conversation> header(String conversationId) {
        return Optional.ofNullable(reads.get(conversationId)).map(Timeline.Latest::header);
    }

    /**
     * The page of a large conversation from the read, oldest first, when the read holds it: without a
     * cursor the newest {@code min(limit, LARGE_SYNC_PAGE)}; with one, every message after it (seqs are
     * gapless, so the read holds them all when it holds {@code lastSeq - cursor} of them). Empty when the
     * device is further behind, or the row knows a newer message than the eventually consistent read.
     */
    Optional<SyncedPage> page(String conversationId, Long cursor, long lastSeq, int limit) {
        Timeline.Latest latest = reads.get(conversationId);
        if (latest == null) {
            return Optional.empty();
        }
        if (cursor == null) {
            List<Message> page = oldestFirst(latest.newestFirst().subList(0,
                    Math.min(Math.min(limit, Limits.LARGE_SYNC_PAGE), latest.newestFirst().size())));
            return Optional.of(new SyncedPage(page, !page.isEmpty() && page.getFirst().seq() > 1));
        }
        List<Message> after = oldestFirst(latest.newestFirst().stream().filter(message -> message.seq() > cursor).toList());
        if (after.size() != lastSeq - cursor) {
            return Optional.empty();
        }
        return Optional.of(new SyncedPage(after.subList(0, Math.min(limit, after.size())), after.size() > limit));
    }

    private static List<Message> oldestFirst(List<Message> newestFirst) {
        List<Message> page = new ArrayList<>(newestFirst);
        Collections.reverse(page);
        return page;
    }

    /** Messages oldest first and whether more follow (with a cursor) or precede (without). */
    record SyncedPage(List<Message> messages, boolean hasMore) {
    }
}
