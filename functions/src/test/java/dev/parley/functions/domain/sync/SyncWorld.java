package dev.parley.functions.domain.sync;

import dev.parley.functions.domain.message.MemberDevices;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.message.Attachments;
import dev.parley.functions.domain.message.InMemoryMessageRepository;
import dev.parley.functions.domain.message.MessageDraft;
import dev.parley.functions.domain.message.SendMessage;
import dev.parley.functions.domain.message.LargeGroupSend;
import dev.parley.functions.domain.push.MessagePushes;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Conversations, members' rows, live devices and a clock the test moves, wired as the composition
 * root wires them: messages sent here update the members' rows as the send path does.
 */
public final class SyncWorld {
    public final InMemoryMessageRepository messages = new InMemoryMessageRepository();
    public final InMemoryMemberCursors rows = new InMemoryMemberCursors();
    public final InMemoryTimeline timeline = new InMemoryTimeline(messages);
    public final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    public final RecordingEventPublisher publisher = new RecordingEventPublisher();
    public final Set<String> invalidPushDevices = new HashSet<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T12:00:00Z"));
    public final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final LiveConnections live = userIds -> connections.findLive(userIds, now.get()).stream()
            .map(connection -> new Recipient(connection.userId(), connection.connectionId(), connection.deviceId()))
            .toList();
    public final FanOut fanOut = new FanOut(live, publisher);
    private final SendMessage sendMessage = new SendMessage(messages, fanOut, MessagePushes.off(), rows,
            Attachments.none(), MemberDevices.NONE, clock, LargeGroupSend.off());

    /** A conversation whose members all joined now. */
    public void conversation(String conversationId, Kind kind, String... members) {
        Instant at = now.get();
        Conversation header = Conversation.created(conversationId, kind, kind == Kind.GROUP ? "Team" : null, false,
                Set.of(members), kind == Kind.GROUP ? Set.of(members[0]) : Set.of(), at, members[0]);
        timeline.put(header);
        messages.create(conversationId, kind, false, Set.of(members));
        for (String member : members) {
            rows.join(member, conversationId, at.toEpochMilli());
        }
    }

    /** A large conversation (its header lists nobody, its rows are marked large) whose members all joined now. */
    public void largeConversation(String conversationId, String... members) {
        Instant at = now.get();
        timeline.put(new Conversation(conversationId, Kind.GROUP, "Big", false, Set.of(), Set.of(members[0]), at, members[0],
                0, at, dev.parley.functions.domain.conversation.Tier.LARGE, members.length, members[0],
                dev.parley.functions.domain.conversation.PostPolicy.EVERYONE));
        messages.createLarge(conversationId);
        for (String member : members) {
            rows.put(new MemberState(member, conversationId, 0, at.toEpochMilli(), at.toEpochMilli(), 0, 0, 0, true));
        }
    }

    /** Stores a message as a large conversation's send does: in its timeline only, no member's row moved. */
    public long store(Actor sender, String conversationId, String text) {
        tick(1);
        long seq = messages.tail(conversationId, 1, dev.parley.functions.domain.conversation.ConversationTails.Read.CONSISTENT)
                .orElseThrow().lastSeq() + 1;
        messages.append(MessageDraft.of(conversationId, "c-" + System.nanoTime(), text, null, null, null)
                .toMessage(sender, seq, now.get(), List.of()));
        return seq;
    }

    public long send(Actor sender, String conversationId, String text) {
        tick(1);
        return sendMessage.send(sender, MessageDraft.of(conversationId, "c-" + System.nanoTime(), text, null, null, null)).seq();
    }

    public void online(Actor device) {
        connections.save(Connection.opened(device.connectionId(), device.userId(), device.deviceId(), now.get()));
    }

    public void tick(long millis) {
        now.updateAndGet(instant -> instant.plusMillis(millis));
    }

    public Sync sync() {
        return new Sync(rows, timeline, messages, (userId, deviceId) -> invalidPushDevices.contains(deviceId), clock);
    }

    public History history() {
        return new History(messages, timeline, dev.parley.functions.domain.conversation.MemberRows.none());
    }

    /** The events posted to this connection, as JSON frames. */
    public List<com.fasterxml.jackson.databind.JsonNode> eventsTo(String connectionId) {
        return publisher.posts().stream()
                .filter(post -> post.to().connectionId().equals(connectionId))
                .map(RecordingEventPublisher.Post::frame)
                .toList();
    }
}
