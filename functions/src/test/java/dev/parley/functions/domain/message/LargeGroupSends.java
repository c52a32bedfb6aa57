package dev.parley.functions.domain.message;

import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.InMemoryConversationRepository;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.conversation.MembershipChange;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.push.MessagePushes;
import dev.parley.functions.domain.push.PushJob;
import dev.parley.functions.domain.viewing.Watcher;
import dev.parley.functions.domain.sync.InMemoryMemberCursors;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * sendMessage wired for both tiers over in-memory ports, as the tests of the large send path use
 * it: every member's socket is {@code conn-<userId>}, fan-out jobs land in {@link #queued}, push jobs of
 * mentions and replies in {@link #pushJobs}.
 */
final class LargeGroupSends {
    final InMemoryMessageRepository messages = new InMemoryMessageRepository();
    final InMemoryConversationRepository conversations = new InMemoryConversationRepository();
    final InMemoryMemberCursors rows = new InMemoryMemberCursors();
    final List<FanOutJob> queued = new CopyOnWriteArrayList<>();
    /** The push jobs of mentions and replies ({@link MentionedMembers}). */
    final List<PushJob> pushJobs = new CopyOnWriteArrayList<>();
    /** The members' sockets with what each views, as a send with mentions reads them. */
    final List<Watcher> sockets = new CopyOnWriteArrayList<>();
    final RecordingEventPublisher posts = new RecordingEventPublisher();
    final SendMessage sendMessage;
    private final Instant now;

    LargeGroupSends(Instant now) {
        this(now, MemberDevices.NONE);
    }

    /** @param devices the key directory's devices, for the end-to-end encrypted forms */
    LargeGroupSends(Instant now, MemberDevices devices) {
        this(now, devices, SeqRetries.standard());
    }

    /** @param retries how long a send races for a seq: a {@link FakeRaceClock}'s, to force the race's end without waiting */
    LargeGroupSends(Instant now, MemberDevices devices, SeqRetries retries) {
        this.now = now;
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        sendMessage = new SendMessage(messages,
                new FanOut(userIds -> userIds.stream().map(userId -> new Recipient(userId, "conn-" + userId, "phone")).toList(), posts),
                MessagePushes.off(), rows, Attachments.none(), devices, clock,
                new MentionedMembers(new SendToLargeGroup(messages, conversations, queued::add, rows, Attachments.none(), clock),
                        conversations, messages, new MessagePushes(pushJobs::add), userIds -> sockets.stream()
                        .filter(socket -> userIds.contains(socket.socket().userId())).toList(), clock), retries);
    }

    /** A large group created by alice, with {@code others} grown into it and everyone's row at seq 0. */
    void largeGroup(String conversationId, Set<String> others) {
        largeGroup(conversationId, others, false);
    }

    /** The same, end-to-end encrypted or not. */
    void largeGroup(String conversationId, Set<String> others, boolean e2ee) {
        messages.createLarge(conversationId, e2ee);
        conversations.create(Conversation.created(conversationId, Kind.GROUP, null, e2ee, Set.of("alice"), Set.of("alice"), now, "alice"));
        conversations.apply(new MembershipChange.Grow(conversationId, "alice", others, Set.of("alice"), now));
        rows.join("alice", conversationId, 0);
        others.forEach(userId -> rows.join(userId, conversationId, 0));
    }
}
