package dev.parley.functions.domain.sync;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.device.PushRegistrations;
import dev.parley.functions.domain.conversation.ConversationTail;
import dev.parley.functions.domain.message.Message;
import dev.parley.functions.domain.conversation.ConversationTails;
import dev.parley.model.Limits;
import dev.parley.model.v1.MemberCursor;
import dev.parley.model.v1.SyncReply;
import dev.parley.model.v1.SyncedConversation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Use case: a device catches up. It sends the last seq it holds per conversation ({@code cursors})
 * and the {@code syncToken} of its previous sync ({@code since}); it gets the conversations that
 * changed, most recently active first, each with the messages after its cursor (or the latest
 * page when the device has none), the user's own cursors, unread counts and, in conversations of
 * at most {@link Limits#RECEIPTS_MAX_MEMBERS} members, the other members' cursors.
 *
 * <p>What changed is read from the user's membership rows, which the send path, receipts and
 * membership changes keep current ({@code lastSeq}, {@code updatedAt}). So the cost follows what
 * changed, not the user's history: 1 Query of the memberships (about 1 read unit per 100
 * conversations) + 1 BatchGet of the changed conversations' headers + 1 Query per changed
 * conversation that has new messages + 1 BatchGet of the other members' rows per
 * {@link #PARALLEL} changed conversations (one for a typical sync) + 1 GetItem of the device.
 * Conversations left for the next page are not read beyond their header.
 *
 * <p>A large conversation's row is not moved by its messages (issue 18: no per-member write per
 * message), so for each such row sync reads the conversation's header and newest messages down to
 * the device's cursor: one eventually consistent Query per large conversation the user is in, in
 * parallel, on every sync ({@link LargeTimelines}), which is also its header and, for a device at most
 * {@link Limits#LARGE_SYNC_PAGE} messages behind or new to it, its page. Unread counts follow from
 * that last seq against the member's own read cursor.
 *
 * <p>A cursor ahead of the row's lastSeq is checked against the conversation's true tail (one
 * consistent Query): a row may lag a message by a moment, but a cursor past the last seq is a
 * client bug and BAD_REQUEST.
 */
public final class Sync {
    /** Conversations whose messages are read at once; also the granularity of the receipts reads. */
    static final int PARALLEL = 16;
    /** Room kept for the reply's envelope: requestId, field names, syncToken. */
    static final int ENVELOPE_BYTES = 512;
    private static final ExecutorService READS = Executors.newVirtualThreadPerTaskExecutor();
    private static final Comparator<Candidate> MOST_RECENT_FIRST = Comparator
            .comparingLong((Candidate candidate) -> candidate.row().lastActivityAt()).reversed()
            .thenComparing(candidate -> candidate.row().conversationId());

    private final MemberCursors rows;
    private final Timeline timeline;
    private final ConversationTails messages;
    private final PushRegistrations pushRegistrations;
    private final Clock clock;

    public Sync(MemberCursors rows, Timeline timeline, ConversationTails messages, PushRegistrations pushRegistrations,
                Clock clock) {
        this.rows = rows;
        this.timeline = timeline;
        this.messages = messages;
        this.pushRegistrations = pushRegistrations;
        this.clock = clock;
    }

    public SyncReply sync(Actor actor, Command command) {
        int limit = History.limit(command.limit());
        Map<String, Long> cursors = cursors(command.cursors());
        Long since = command.since() == null ? null : SyncToken.parse(command.since()).millis();
        long now = clock.millis();
        SyncToken token = SyncToken.at(now);
        CompletableFuture<Boolean> pushRequired = CompletableFuture.supplyAsync(
                () -> pushRegistrations.required(actor.userId(), actor.deviceId()), READS);

        List<MemberState> stored = rows.of(actor.userId());
        LargeTimelines large = LargeTimelines.read(timeline, stored, cursors, READS);
        Map<String, MemberState> mine = stored.stream().map(large::row)
                .collect(Collectors.toMap(MemberState::conversationId, Function.identity()));
        List<String> removed = cursors.keySet().stream().filter(id -> !mine.containsKey(id)).sorted().toList();
        List<Candidate> changed = new ArrayList<>();
        for (MemberState row : mine.values()) {
            Long cursor = cursors.get(row.conversationId());
            long lastSeq = cursor != null && cursor > row.lastSeq() ? trueLastSeq(row.conversationId(), cursor) : row.lastSeq();
            boolean touched = since == null || row.updatedAt() > since;
            if (cursor == null ? touched : lastSeq > cursor || since != null && touched) {
                changed.add(new Candidate(row, cursor, lastSeq));
            }
        }
        changed.sort(MOST_RECENT_FIRST);
        Map<String, Conversation> headers = new HashMap<>();
        changed.forEach(c -> large.header(c.row().conversationId()).ifPresent(header -> headers.put(header.conversationId(), header)));
        List<String> unread = changed.stream().map(c -> c.row().conversationId()).filter(id -> !headers.containsKey(id)).toList();
        if (!unread.isEmpty()) {
            headers.putAll(timeline.headers(unread));
        }
        List<Candidate> visible = changed.stream()
                .filter(c -> headers.containsKey(c.row().conversationId())
                        && (headers.get(c.row().conversationId()).large()
                            || headers.get(c.row().conversationId()).isMember(actor.userId())))
                .toList();

        SyncPage page = new SyncPage(Limits.MAX_REPLY_BYTES - ENVELOPE_BYTES
                - SyncPage.bytes(new SyncReply(List.of(), removed, true, token.encode(), true)));
        boolean more = false;
        for (int from = 0; from < visible.size() && !page.full(); from += PARALLEL) {
            List<Candidate> chunk = visible.subList(from, Math.min(from + PARALLEL, visible.size()));
            Map<String, List<MemberCursor>> receipts = receipts(actor.userId(), chunk, headers);
            List<CompletableFuture<SyncedConversation>> entries = chunk.stream()
                    .map(c -> CompletableFuture.supplyAsync(() -> entry(actor, c, headers, receipts, large, limit, now), READS))
                    .toList();
            for (int i = 0; i < chunk.size(); i++) {
                SyncedConversation entry = entries.get(i).join();
                boolean latestPage = chunk.get(i).cursor() == null;
                if (!page.add(entry, latestPage)) {
                    more = true;
                    break;
                }
            }
        }
        List<SyncedConversation> synced = page.conversations();
        more |= synced.size() < visible.size()
                || synced.stream().anyMatch(entry -> entry.hasMore() && cursors.containsKey(entry.conversation().conversationId()));
        return new SyncReply(synced, removed, more, token.encode(), pushRequired.join());
    }

    private SyncedConversation entry(Actor actor, Candidate candidate, Map<String, Conversation> headers,
                                     Map<String, List<MemberCursor>> receipts, LargeTimelines large, int limit, long now) {
        MemberState row = candidate.row();
        String id = row.conversationId();
        List<Message> page;
        boolean hasMore;
        Optional<LargeTimelines.SyncedPage> read = candidate.cursor() != null && candidate.lastSeq() <= candidate.cursor()
                ? Optional.empty() : large.page(id, candidate.cursor(), candidate.lastSeq(), limit);
        if (read.isPresent()) {
            page = read.get().messages();
            hasMore = read.get().hasMore();
        } else if (candidate.cursor() == null) {
            page = timeline.before(id, Long.MAX_VALUE, limit);
            hasMore = !page.isEmpty() && page.getFirst().seq() > 1;
        } else if (candidate.lastSeq() > candidate.cursor()) {
            page = timeline.after(id, candidate.cursor(), limit + 1);
            hasMore = page.size() > limit;
            page = hasMore ? page.subList(0, limit) : page;
        } else {
            page = List.of();
            hasMore = false;
        }
        long lastSeq = Math.max(candidate.lastSeq(), page.isEmpty() ? 0 : page.getLast().seq());
        long activity = Math.max(row.lastActivityAt(), page.isEmpty() ? 0 : page.getLast().sentAt().toEpochMilli());
        Conversation header = headers.get(id);
        Conversation conversation = header.withLatest(lastSeq, Instant.ofEpochMilli(activity));
        return new SyncedConversation(conversation.summaryFor(actor.userId(), row.readSeq()), List.copyOf(new TreeSet<>(header.members())),
                page.stream().map(message -> message.toEventFor(actor.userId(), actor.deviceId())).toList(), hasMore, row.readSeq(), row.delivered(), row.muted(now),
                receipts.getOrDefault(id, List.of()));
    }

    /** The other members' cursors in the chunk's small conversations: one batched read. */
    private Map<String, List<MemberCursor>> receipts(String userId, List<Candidate> chunk, Map<String, Conversation> headers) {
        List<MemberCursors.Key> keys = new ArrayList<>();
        for (Candidate candidate : chunk) {
            Set<String> members = headers.get(candidate.row().conversationId()).members();
            if (members.size() <= Limits.RECEIPTS_MAX_MEMBERS) {
                members.stream().filter(member -> !member.equals(userId))
                        .forEach(member -> keys.add(new MemberCursors.Key(member, candidate.row().conversationId())));
            }
        }
        if (keys.isEmpty()) {
            return Map.of();
        }
        return rows.rows(keys).stream()
                .sorted(Comparator.comparing(MemberState::userId))
                .collect(Collectors.groupingBy(MemberState::conversationId, Collectors.mapping(
                        row -> new MemberCursor(row.userId(), row.readSeq(), row.delivered()), Collectors.toList())));
    }

    /** The conversation's true last seq, read consistently, for a cursor its row has not caught up with. */
    private long trueLastSeq(String conversationId, long cursor) {
        long last = messages.tail(conversationId, 1, ConversationTails.Read.CONSISTENT)
                .map(ConversationTail::lastSeq).orElse(0L);
        if (cursor > last) {
            throw RequestFields.badRequest("cursor " + cursor + " for " + conversationId
                    + " is past the conversation's last seq " + last);
        }
        return last;
    }

    private static Map<String, Long> cursors(Map<String, Long> cursors) {
        if (cursors == null) {
            return Map.of();
        }
        if (cursors.size() > Limits.MAX_SYNC_CURSORS) {
            throw RequestFields.badRequest("Field \"cursors\" may hold at most " + Limits.MAX_SYNC_CURSORS + " conversations.");
        }
        Map<String, Long> checked = new TreeMap<>();
        cursors.forEach((id, seq) -> {
            try {
                ConversationId.require(id);
            } catch (RuntimeException e) {
                throw RequestFields.badRequest("Field \"cursors\" has a key that is not a conversation id: " + id);
            }
            if (seq == null || seq < 0) {
                throw RequestFields.badRequest("Field \"cursors." + id + "\" must be a seq of at least 0.");
            }
            checked.put(id, seq);
        });
        return checked;
    }

    /** A conversation that changed for this device. @param cursor the device's, or null when new to it */
    private record Candidate(MemberState row, Long cursor, long lastSeq) {
    }

    /** What the caller asks for: the {@code sync} action's fields, as the handler read them. */
    public record Command(Map<String, Long> cursors, String since, Integer limit) {
    }
}
