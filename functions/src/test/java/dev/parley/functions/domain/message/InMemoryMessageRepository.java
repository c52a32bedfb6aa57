package dev.parley.functions.domain.message;

import dev.parley.functions.domain.conversation.Kind;

import dev.parley.model.Limits;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import dev.parley.functions.domain.conversation.ConversationTail;
import dev.parley.functions.domain.conversation.PostPolicy;

/**
 * The in-memory fake of {@link MessageRepository}; {@link MessageRepositoryContract} holds it to the
 * real one's behaviour. Thread-safe: a seq is taken atomically, as DynamoDB's conditional put does.
 *
 * <p>Two knobs force what is hard to provoke on cue: rivals that win the next appends (a concurrent
 * sender, or the caller's own earlier attempt), and eventually consistent reads that lag.
 */
public final class InMemoryMessageRepository implements MessageRepository {
    private final Map<String, Header> headers = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<Long, Message>> timelines = new ConcurrentHashMap<>();
    private final Map<String, Message> sentIds = new ConcurrentHashMap<>();
    private final AtomicInteger rivalAppends = new AtomicInteger();
    private final List<String> tailReads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile UnaryOperator<Message> rival = UnaryOperator.identity();
    private volatile Snapshot lagging;

    private record Header(Kind kind, boolean e2ee, Set<String> members, boolean large, Set<String> admins, long membersEpoch) {
        Header(Kind kind, boolean e2ee, Set<String> members, boolean large) {
            this(kind, e2ee, members, large, null, 0);
        }
    }

    private record Snapshot(Map<String, Header> headers, Map<String, NavigableMap<Long, Message>> timelines) {
    }

    /** What the conversations' side writes: the header of a new conversation. */
    public void create(String conversationId, Kind kind, boolean e2ee, Set<String> members) {
        headers.put(conversationId, new Header(kind, e2ee, Set.copyOf(members), false));
        timelines.putIfAbsent(conversationId, new ConcurrentSkipListMap<>());
    }

    /** The header of a large group: it lists nobody, its members are rows. */
    public void createLarge(String conversationId) {
        createLarge(conversationId, false);
    }

    /** The header of a large group, end-to-end encrypted or not. */
    public void createLarge(String conversationId, boolean e2ee) {
        headers.put(conversationId, new Header(Kind.GROUP, e2ee, Set.of(), true));
        timelines.putIfAbsent(conversationId, new ConcurrentSkipListMap<>());
    }

    /** The conversations' side made it an announcement group: only {@code admins} post. */
    public void onlyAdminsPost(String conversationId, Set<String> admins) {
        headers.computeIfPresent(conversationId, (id, header) ->
                new Header(header.kind(), header.e2ee(), header.members(), header.large(), Set.copyOf(admins), header.membersEpoch()));
    }

    /** The conversations' side changed the membership: the header's epoch moves by one. */
    public void membersChanged(String conversationId) {
        headers.computeIfPresent(conversationId, (id, header) ->
                new Header(header.kind(), header.e2ee(), header.members(), header.large(), header.admins(), header.membersEpoch() + 1));
    }

    @Override
    public Optional<Message> find(String conversationId, long seq) {
        return Optional.ofNullable(timelines.getOrDefault(conversationId, new ConcurrentSkipListMap<>()).get(seq));
    }

    /** Every stored message of the conversation, oldest first. */
    public List<Message> messages(String conversationId) {
        return List.copyOf(timelines.getOrDefault(conversationId, new ConcurrentSkipListMap<>()).values());
    }

    /** For the next {@code appends} appends, {@code rival} applied to the message is stored at its seq first. */
    public void letRivalsWin(int appends, UnaryOperator<Message> rival) {
        this.rival = rival;
        rivalAppends.set(appends);
    }

    /** From now on, eventually consistent reads see the tables as they are now; consistent reads see the truth. */
    public void lagEventualReads() {
        Map<String, NavigableMap<Long, Message>> copies = new ConcurrentHashMap<>();
        timelines.forEach((id, timeline) -> copies.put(id, new ConcurrentSkipListMap<>(timeline)));
        lagging = new Snapshot(Map.copyOf(headers), copies);
    }

    /** How many times the tail was read, of either kind. */
    public int reads() {
        return tailReads.size();
    }

    /** Each tail read's kind and how many recent messages it asked for, in order. */
    public List<String> tailReads() {
        return List.copyOf(tailReads);
    }

    @Override
    public Optional<ConversationTail> tail(String conversationId, int recentMessages, Read read) {
        tailReads.add(read + " " + recentMessages);
        Snapshot view = read == Read.EVENTUALLY_CONSISTENT && lagging != null ? lagging : new Snapshot(headers, timelines);
        Header header = view.headers().get(conversationId);
        if (header == null) {
            return Optional.empty();
        }
        NavigableMap<Long, Message> timeline = view.timelines().getOrDefault(conversationId, new ConcurrentSkipListMap<>());
        List<ConversationTail.Recent> recent = new ArrayList<>();
        for (Message message : timeline.descendingMap().values()) {
            if (recent.size() == recentMessages) {
                break;
            }
            recent.add(new ConversationTail.Recent(message.seq(), message.senderId(), message.senderDeviceId(),
                    message.clientMessageId(), message.sentAt()));
        }
        long lastSeq = timeline.isEmpty() ? 0 : timeline.lastKey();
        return Optional.of(new ConversationTail(conversationId, header.kind(), header.e2ee(), header.members(), lastSeq, recent,
                header.large(), header.admins() == null ? PostPolicy.EVERYONE : PostPolicy.ADMINS,
                header.admins() == null ? Set.of() : header.admins(), header.membersEpoch()));
    }

    @Override
    public Append append(Message message) {
        NavigableMap<Long, Message> timeline = timelines.computeIfAbsent(message.conversationId(), id -> new ConcurrentSkipListMap<>());
        if (rivalAppends.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            store(timeline, rival.apply(message));
        }
        return store(timeline, message);
    }

    /** The message and the record of its clientMessageId, both or neither, as the DynamoDB transaction. */
    private synchronized Append store(NavigableMap<Long, Message> timeline, Message message) {
        String sentId = String.join("#", message.conversationId(), message.senderId(), message.senderDeviceId(),
                message.clientMessageId());
        Message original = sentIds.get(sentId);
        if (original != null && message.sentAt().isBefore(original.sentAt().plus(Limits.IDEMPOTENCY_HOURS, ChronoUnit.HOURS))) {
            return new Append.AlreadyStored(original.seq(), original.sentAt());
        }
        if (timeline.putIfAbsent(message.seq(), message) != null) {
            return new Append.SeqTaken(message.seq());
        }
        sentIds.put(sentId, message);
        return new Append.Stored(message);
    }
}
