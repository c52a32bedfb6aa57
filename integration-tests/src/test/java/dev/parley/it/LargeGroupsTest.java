package dev.parley.it;

import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.AddMembersRequest;
import dev.parley.model.v1.ConversationActivityEvent;
import dev.parley.model.v1.ConversationEvent;
import dev.parley.model.v1.ConversationReply;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.HistoryReply;
import dev.parley.model.v1.HistoryRequest;
import dev.parley.model.v1.ListMembersReply;
import dev.parley.model.v1.ListMembersRequest;
import dev.parley.model.v1.MarkRequest;
import dev.parley.model.v1.MemberInfo;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.ReceiptReply;
import dev.parley.model.v1.RemoveMembersRequest;
import dev.parley.model.v1.SendMessageReply;
import dev.parley.model.v1.SyncReply;
import dev.parley.model.v1.SyncRequest;
import dev.parley.model.v1.SyncedConversation;
import dev.parley.model.v1.ViewConversationReply;
import dev.parley.model.v1.ViewConversationRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large conversations over real sockets (issue 18): the switch from small while messages are sent,
 * queued fan-out of each message once to every viewing device and of one throttled
 * conversationActivity to the others, sync and unread counts from the timeline, removal.
 * The other members are user ids nobody signs in with: membership is not checked against the
 * directory, and only the three test users have sockets.
 */
class LargeGroupsTest extends WithThreeUsers {
    /** How long a device waits to see that no second copy of a message comes. */
    private static final Duration QUIET = Duration.ofSeconds(2);

    static List<String> strangers(int count) {
        return IntStream.range(0, count).mapToObj(i -> UUID.randomUUID().toString()).toList();
    }

    /** Adds {@code userIds} in requests of at most {@link Limits#MAX_ADD_MEMBERS}; returns the last reply's conversation. */
    private static ConversationSummary add(Device admin, String id, List<String> userIds) {
        ConversationSummary after = null;
        for (int from = 0; from < userIds.size(); from += Limits.MAX_ADD_MEMBERS) {
            after = admin.call(Actions.ADD_MEMBERS, new AddMembersRequest(id,
                    userIds.subList(from, Math.min(from + Limits.MAX_ADD_MEMBERS, userIds.size()))), ConversationReply.class)
                    .conversation();
        }
        return after;
    }

    /** A group of alice (admin), bob, carol and {@code others} strangers, made large by addMembers. */
    static String largeGroup(Device admin, int others) {
        String id = admin.createGroup("Large", false, bob.userId(), carol.userId()).conversationId();
        ConversationSummary after = add(admin, id, strangers(others));
        assertThat(after.tier()).isEqualTo("large");
        assertThat(after.memberCount()).isEqualTo(3 + others);
        return id;
    }

    static void view(Device device, String id) {
        device.call(Actions.VIEW_CONVERSATION, new ViewConversationRequest(id, null), ViewConversationReply.class);
    }

    private static void assertNoMoreMessages(Device device, String id) {
        assertThat(device.eventsWithin(Actions.MESSAGE_EVENT, Device.field("conversationId", id), MessageEvent.class, QUIET))
                .as("second copies on " + device.userId() + "/" + device.deviceId()).isEmpty();
    }

    @Test
    void a_small_group_that_grows_past_64_while_messages_are_sent_becomes_large_and_loses_none() throws Exception {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob); Device c = Device.connect(carol);
             ExecutorService sender = Executors.newSingleThreadExecutor()) {
            List<String> first = new ArrayList<>(List.of(bob.userId(), carol.userId()));
            first.addAll(strangers(Limits.MAX_MEMBERS - 3));
            ConversationSummary small = a.createGroup("Switch", false, first.toArray(String[]::new));
            String id = small.conversationId();
            assertThat(small.tier()).isEqualTo("small");
            assertThat(small.memberCount()).isEqualTo(Limits.MAX_MEMBERS);
            view(c, id);
            int sends = 12;

            Future<List<Long>> seqs = sender.submit(() -> LongStream.range(0, sends)
                    .mapToObj(i -> b.send(id, Device.uniqueId("switch"), "during the switch " + i).seq()).toList());
            ConversationSummary large = add(a, id, strangers(2 * Limits.MAX_ADD_MEMBERS));

            assertThat(large.tier()).isEqualTo("large");
            assertThat(large.memberCount()).isEqualTo(Limits.MAX_MEMBERS + 2 * Limits.MAX_ADD_MEMBERS);
            assertThat(seqs.get(60, TimeUnit.SECONDS)).containsExactlyElementsOf(LongStream.rangeClosed(1, sends).boxed().toList());
            for (long seq = 1; seq <= sends; seq++) {
                c.awaitMessage(id, seq);
            }
            assertNoMoreMessages(c, id);
            HistoryReply history = c.call(Actions.HISTORY, new HistoryRequest(id, null, 50), HistoryReply.class);
            assertThat(history.messages()).extracting(MessageEvent::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, sends).boxed().toList());
        }
    }

    /** Viewing devices get every message live; a device elsewhere gets one conversationActivity for the burst. */
    @Test
    void every_viewing_device_of_a_large_group_gets_each_message_once_the_others_one_activity_and_sync_counts_the_unread() {
        try (Device a = Device.connect(alice); Device tablet = Device.connect(alice, Device.uniqueId("tablet"), "web");
             Device b = Device.connect(bob); Device c = Device.connect(carol)) {
            int others = 300;
            String id = largeGroup(a, others);
            List<MemberInfo> listed = new ArrayList<>();
            ListMembersReply page = null;
            do {
                String after = listed.isEmpty() ? null : listed.getLast().userId();
                page = c.call(Actions.LIST_MEMBERS, new ListMembersRequest(id, after, 100), ListMembersReply.class);
                listed.addAll(page.members());
            } while (page.hasMore());
            assertThat(listed).hasSize(3 + others).extracting(MemberInfo::userId).doesNotHaveDuplicates()
                    .contains(alice.userId(), bob.userId(), carol.userId());
            assertThat(listed).filteredOn(member -> member.role().equals("owner")).extracting(MemberInfo::userId)
                    .containsExactly(alice.userId());
            SyncReply before = c.call(Actions.SYNC, new SyncRequest(Map.of(id, 0L), null, 10), SyncReply.class);
            view(a, id);
            view(c, id);

            List<SendMessageReply> sent = IntStream.range(0, 3)
                    .mapToObj(i -> b.send(id, Device.uniqueId("large"), "to everyone " + i)).toList();

            assertThat(sent).extracting(SendMessageReply::seq).containsExactly(1L, 2L, 3L);
            assertThat(sent).allSatisfy(reply -> assertThat(reply.deliveredTo()).isNullOrEmpty());
            for (Device device : List.of(a, c)) {
                for (long seq = 1; seq <= 3; seq++) {
                    assertThat(device.awaitMessage(id, seq).senderId()).isEqualTo(bob.userId());
                }
            }
            ConversationActivityEvent activity = tablet.awaitEvent(Actions.CONVERSATION_ACTIVITY_EVENT,
                    Device.field("conversationId", id), ConversationActivityEvent.class, Device.WAIT, "activity in " + id);
            assertThat(activity.seq()).isBetween(1L, 3L);
            assertThat(activity.unreadHint()).isPositive();
            for (Device device : List.of(a, tablet, c, b)) {
                assertNoMoreMessages(device, id);
            }
            assertThat(tablet.eventsWithin(Actions.CONVERSATION_ACTIVITY_EVENT, Device.field("conversationId", id),
                    ConversationActivityEvent.class, QUIET)).as("one activity event per 30 s").isEmpty();
            SyncReply after = c.call(Actions.SYNC, new SyncRequest(Map.of(id, 0L), before.syncToken(), 10), SyncReply.class);
            SyncedConversation synced = after.conversations().stream()
                    .filter(entry -> entry.conversation().conversationId().equals(id)).findFirst().orElseThrow();
            assertThat(synced.conversation().tier()).isEqualTo("large");
            assertThat(synced.conversation().lastSeq()).isEqualTo(3);
            assertThat(synced.conversation().unreadCount()).isEqualTo(3);
            assertThat(synced.messages()).extracting(MessageEvent::seq).containsExactly(1L, 2L, 3L);
            assertThat(synced.members()).isEmpty();
        }
    }

    /**
     * Told once per unread episode (docs/protocol/live.md): the next activity round, at least 30 s later,
     * tells carol's device because carol read what she was told, and not alice's devices, whose hint is
     * still outstanding. Carol's event is the marker that the round ran; messages are sent until it comes.
     */
    @Test
    void a_passive_device_told_once_is_not_told_again_by_the_next_round_until_its_member_reads() {
        try (Device a = Device.connect(alice); Device tablet = Device.connect(alice, Device.uniqueId("tablet"), "web");
             Device b = Device.connect(bob); Device c = Device.connect(carol)) {
            // Both rounds must fall in one of the conversation's refresh windows: the first round of a window tells
            // everyone. A group whose window ends too soon is set aside for a new one (about one in three).
            String id = largeGroup(a, 70);
            while (refreshWindowLeft(id).compareTo(Duration.ofSeconds(120)) < 0) {
                id = largeGroup(a, 70);
            }
            long first = b.send(id, Device.uniqueId("episode"), "the first").seq();
            for (Device device : List.of(a, tablet, c)) {
                assertThat(device.awaitEvent(Actions.CONVERSATION_ACTIVITY_EVENT, Device.field("conversationId", id),
                        ConversationActivityEvent.class, Device.WAIT, "the first round in " + id).seq()).isEqualTo(first);
            }
            c.call(Actions.MARK_READ, new MarkRequest(id, first), ReceiptReply.class);

            ConversationActivityEvent next = null;
            Instant deadline = Instant.now().plusMillis(Limits.ACTIVITY_INTERVAL_MS).plus(Device.WAIT);
            while (next == null && Instant.now().isBefore(deadline)) {
                b.send(id, Device.uniqueId("episode"), "until the next round");
                next = c.eventsWithin(Actions.CONVERSATION_ACTIVITY_EVENT, Device.field("conversationId", id),
                        ConversationActivityEvent.class, QUIET).stream().findFirst().orElse(null);
            }
            assertThat(next).as("the next round tells carol, who caught up").isNotNull();
            assertThat(next.seq()).isGreaterThan(first);
            for (Device device : List.of(a, tablet)) {
                assertThat(device.eventsWithin(Actions.CONVERSATION_ACTIVITY_EVENT, Device.field("conversationId", id),
                        ConversationActivityEvent.class, QUIET)).as("alice has not read: her hint is outstanding").isEmpty();
            }
        }
    }

    /**
     * What is left of the conversation's current 5-minute refresh window, by the rule docs/protocol/live.md
     * states and the server's ActivityHints applies: windows offset by the conversation id's hash.
     */
    private static Duration refreshWindowLeft(String conversationId) {
        long refresh = Duration.ofMinutes(5).toMillis();
        long offset = Math.floorMod(conversationId.hashCode(), refresh);
        long now = System.currentTimeMillis();
        long end = (Math.floorDiv(now + offset, refresh) + 1) * refresh - offset;
        return Duration.ofMillis(end - now);
    }

    @Test
    void a_member_removed_from_a_large_group_gets_nothing_sent_after_the_removal() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob); Device c = Device.connect(carol)) {
            String id = largeGroup(a, 100);
            view(b, id);
            view(c, id);
            long first = a.send(id, Device.uniqueId("before"), "before the removal").seq();
            b.awaitMessage(id, first);

            a.call(Actions.REMOVE_MEMBERS, new RemoveMembersRequest(id, List.of(bob.userId())), ConversationReply.class);
            b.awaitEvent(Actions.CONVERSATION_EVENT, Device.field("change", "removed"), ConversationEvent.class,
                    Device.WAIT, "removed from " + id);
            long second = a.send(id, Device.uniqueId("after"), "after the removal").seq();

            c.awaitMessage(id, second);
            assertNoMoreMessages(b, id);
            b.refused(Actions.HISTORY, new HistoryRequest(id, null, 10), dev.parley.model.ErrorCode.NOT_FOUND);
        }
    }
}
