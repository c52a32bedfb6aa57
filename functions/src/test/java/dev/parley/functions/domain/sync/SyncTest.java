package dev.parley.functions.domain.sync;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.model.Limits;
import dev.parley.model.v1.MemberCursor;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.SyncReply;
import dev.parley.model.v1.SyncedConversation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SyncTest {
    private static final Actor ALICE_PHONE = new Actor("alice", "phone", "conn-alice-phone");
    private static final Actor BOB = new Actor("bob", "pixel", "conn-bob");
    private static final Actor CAROL = new Actor("carol", "mac", "conn-carol");
    private static final String WITH_BOB = ConversationId.direct("alice", "bob");
    private static final String WITH_CAROL = ConversationId.direct("alice", "carol");
    private static final String TEAM = ConversationId.newGroup();
    private static final String QUIET = ConversationId.newGroup();

    private final SyncWorld world = new SyncWorld();

    @BeforeEach
    void aliceIsInFourConversationsWithTwoMessagesEach() {
        world.conversation(WITH_BOB, Kind.DIRECT, "alice", "bob");
        world.conversation(WITH_CAROL, Kind.DIRECT, "alice", "carol");
        world.conversation(TEAM, Kind.GROUP, "alice", "bob", "carol");
        world.conversation(QUIET, Kind.GROUP, "alice", "carol");
        for (String conversation : List.of(WITH_BOB, TEAM, QUIET)) {
            world.send(ALICE_PHONE, conversation, "hi");
            world.send(ALICE_PHONE, conversation, "anyone?");
        }
        world.send(CAROL, WITH_CAROL, "hello alice");
        world.send(CAROL, WITH_CAROL, "are you there?");
    }

    private SyncReply sync(Actor device, Map<String, Long> cursors, String since, Integer limit) {
        return world.sync().sync(device, new Sync.Command(cursors, since, limit));
    }

    private static Map<String, Long> cursorsAt(long seq, String... conversations) {
        Map<String, Long> cursors = new HashMap<>();
        for (String conversation : conversations) {
            cursors.put(conversation, seq);
        }
        return cursors;
    }

    private static SyncedConversation entry(SyncReply reply, String conversationId) {
        return reply.conversations().stream().filter(c -> c.conversation().conversationId().equals(conversationId))
                .findFirst().orElseThrow(() -> new AssertionError(conversationId + " not in the reply"));
    }

    private static Failure failureOf(Runnable call) {
        FailureException thrown = catchThrowableOfType(FailureException.class, call::run);
        assertThat(thrown).as("a FailureException").isNotNull();
        return thrown.failure();
    }

    @Test
    void a_device_back_online_gets_exactly_the_messages_it_missed_in_order_with_unread_counts() {
        Map<String, Long> cursors = cursorsAt(2, WITH_BOB, WITH_CAROL, TEAM, QUIET);
        for (int i = 0; i < 50; i++) {
            switch (i % 3) {
                case 0 -> world.send(BOB, WITH_BOB, "missed " + i);
                case 1 -> world.send(BOB, TEAM, "missed " + i);
                default -> world.send(CAROL, WITH_CAROL, "missed " + i);
            }
        }
        int pagesBefore = world.timeline.pageReads();

        SyncReply reply = sync(ALICE_PHONE, cursors, null, null);

        List<MessageEvent> all = reply.conversations().stream().flatMap(c -> c.messages().stream()).toList();
        assertThat(all).hasSize(50);
        assertThat(all.stream().map(MessageEvent::text).distinct()).hasSize(50);
        for (SyncedConversation conversation : reply.conversations()) {
            List<Long> seqs = conversation.messages().stream().map(MessageEvent::seq).toList();
            assertThat(seqs).isSortedAccordingTo(Long::compare).first().isEqualTo(3L);
            assertThat(conversation.conversation().lastSeq()).isEqualTo(seqs.getLast());
            assertThat(conversation.hasMore()).isFalse();
        }
        assertThat(reply.conversations()).extracting(c -> c.conversation().conversationId()).doesNotContain(QUIET);
        assertThat(entry(reply, WITH_BOB).conversation().unreadCount()).isEqualTo(entry(reply, WITH_BOB).messages().size());
        assertThat(entry(reply, WITH_CAROL).conversation().unreadCount()).as("her 2 unread before and 16 new").isEqualTo(18);
        assertThat(world.timeline.pageReads() - pagesBefore).as("one page read per changed conversation")
                .isEqualTo(reply.conversations().size());
        assertThat(reply.hasMore()).isFalse();
        assertThat(reply.removed()).isEmpty();
    }

    @Test
    void a_new_device_sees_every_conversation_with_its_latest_messages_most_recent_first() {
        SyncReply reply = sync(new Actor("alice", "laptop", "conn-alice-laptop"), null, null, null);

        assertThat(reply.conversations()).extracting(c -> c.conversation().conversationId())
                .containsExactly(WITH_CAROL, QUIET, TEAM, WITH_BOB);
        SyncedConversation withCarol = entry(reply, WITH_CAROL);
        assertThat(withCarol.messages()).extracting(MessageEvent::text).containsExactly("hello alice", "are you there?");
        assertThat(withCarol.conversation().unreadCount()).isEqualTo(2);
        assertThat(entry(reply, TEAM).conversation().unreadCount()).as("her own messages are read").isZero();
        assertThat(entry(reply, TEAM).members()).containsExactly("alice", "bob", "carol");
        assertThat(reply.syncToken()).isNotBlank();
        assertThat(reply.pushRegistrationRequired()).isFalse();
    }

    @Test
    void a_latest_page_says_older_messages_exist_and_history_gets_them() {
        IntStream.range(0, 5).forEach(i -> world.send(BOB, WITH_BOB, "more " + i));

        SyncedConversation withBob = entry(sync(ALICE_PHONE, null, null, 3), WITH_BOB);

        assertThat(withBob.messages()).extracting(MessageEvent::seq).containsExactly(5L, 6L, 7L);
        assertThat(withBob.hasMore()).isTrue();
    }

    @Test
    void more_messages_than_the_limit_come_a_page_at_a_time_until_the_device_has_them_all() {
        IntStream.range(0, 7).forEach(i -> world.send(BOB, WITH_BOB, "burst " + i));
        Map<String, Long> cursors = cursorsAt(2, WITH_BOB, WITH_CAROL, TEAM, QUIET);

        SyncReply first = sync(ALICE_PHONE, cursors, null, 4);
        assertThat(entry(first, WITH_BOB).messages()).extracting(MessageEvent::seq).containsExactly(3L, 4L, 5L, 6L);
        assertThat(first.hasMore()).isTrue();

        cursors.put(WITH_BOB, 6L);
        SyncReply second = sync(ALICE_PHONE, cursors, null, 4);
        assertThat(entry(second, WITH_BOB).messages()).extracting(MessageEvent::seq).containsExactly(7L, 8L, 9L);
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void with_a_sync_token_a_read_on_another_device_is_reported_without_any_new_message() {
        world.tick(5_000);
        SyncReply before = sync(ALICE_PHONE, null, null, null);
        world.tick(5_000);
        world.rows.advance("alice", WITH_CAROL, MemberCursors.Cursor.READ, 2, null, world.clock.instant());

        SyncReply after = sync(ALICE_PHONE, cursorsAt(2, WITH_BOB, WITH_CAROL, TEAM, QUIET), before.syncToken(), null);

        assertThat(after.conversations()).extracting(c -> c.conversation().conversationId()).containsExactly(WITH_CAROL);
        assertThat(entry(after, WITH_CAROL).messages()).isEmpty();
        assertThat(entry(after, WITH_CAROL).readSeq()).isEqualTo(2);
        assertThat(entry(after, WITH_CAROL).conversation().unreadCount()).isZero();
    }

    @Test
    void nothing_changed_means_an_empty_reply_and_no_page_read() {
        world.tick(5_000);
        SyncReply first = sync(ALICE_PHONE, null, null, null);
        world.tick(5_000);
        int pages = world.timeline.pageReads();

        SyncReply again = sync(ALICE_PHONE, cursorsAt(2, WITH_BOB, WITH_CAROL, TEAM, QUIET), first.syncToken(), null);

        assertThat(again.conversations()).isEmpty();
        assertThat(world.timeline.pageReads()).isEqualTo(pages);
    }

    @Test
    void changes_within_the_tokens_two_second_overlap_are_reported_again_rather_than_missed() {
        SyncReply first = sync(ALICE_PHONE, null, null, null);

        SyncReply again = sync(ALICE_PHONE, cursorsAt(2, WITH_BOB, WITH_CAROL, TEAM, QUIET), first.syncToken(), null);

        assertThat(again.conversations()).hasSize(4).allSatisfy(entry -> assertThat(entry.messages()).isEmpty());
    }

    @Test
    void small_conversations_carry_the_other_members_cursors_and_delivered_follows_read() {
        world.rows.advance("bob", TEAM, MemberCursors.Cursor.READ, 2, null, world.clock.instant());
        world.rows.advance("carol", TEAM, MemberCursors.Cursor.DELIVERED, 1, null, world.clock.instant());

        SyncedConversation team = entry(sync(ALICE_PHONE, null, null, null), TEAM);

        assertThat(team.receipts()).containsExactly(new MemberCursor("bob", 2, 2), new MemberCursor("carol", 0, 1));
    }

    @Test
    void groups_larger_than_the_receipts_threshold_carry_no_member_cursors() {
        String big = ConversationId.newGroup();
        String[] members = IntStream.range(0, Limits.RECEIPTS_MAX_MEMBERS + 1)
                .mapToObj(i -> i == 0 ? "alice" : "user" + i).toArray(String[]::new);
        world.conversation(big, Kind.GROUP, members);
        world.send(ALICE_PHONE, big, "hello everyone");

        assertThat(entry(sync(ALICE_PHONE, null, null, null), big).receipts()).isEmpty();
    }

    @Test
    void a_conversation_the_user_left_is_reported_removed_not_refused() {
        world.rows.leave("alice", QUIET);

        SyncReply reply = sync(ALICE_PHONE, cursorsAt(2, WITH_BOB, WITH_CAROL, TEAM, QUIET), null, null);

        assertThat(reply.removed()).containsExactly(QUIET);
    }

    @Test
    void a_cursor_past_the_last_message_is_a_bad_request_naming_both_seqs() {
        assertThat(failureOf(() -> sync(ALICE_PHONE, Map.of(WITH_BOB, 57L), null, null)))
                .isEqualTo(new Failure.BadRequest("cursor 57 for " + WITH_BOB + " is past the conversation's last seq 2"));
    }

    @Test
    void a_cursor_ahead_of_a_lagging_row_is_checked_against_the_true_last_seq() {
        MemberState row = world.rows.get("alice", WITH_BOB);
        world.rows.put(new MemberState("alice", WITH_BOB, 1, row.lastActivityAt(), row.updatedAt(), 1, 1, 0));

        SyncReply reply = sync(ALICE_PHONE, Map.of(WITH_BOB, 2L), null, null);

        assertThat(reply.conversations()).extracting(c -> c.conversation().conversationId()).doesNotContain(WITH_BOB);
    }

    @Test
    void malformed_requests_are_refused_with_what_to_fix() {
        assertThat(failureOf(() -> sync(ALICE_PHONE, Map.of(WITH_BOB, -1L), null, null)))
                .isEqualTo(new Failure.BadRequest("Field \"cursors." + WITH_BOB + "\" must be a seq of at least 0."));
        assertThat(failureOf(() -> sync(ALICE_PHONE, Map.of("nope", 1L), null, null)))
                .isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> sync(ALICE_PHONE, null, null, 0))).isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> sync(ALICE_PHONE, null, null, Limits.MAX_HISTORY_PAGE + 1))).isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> sync(ALICE_PHONE, null, "not-a-token", null)))
                .isEqualTo(new Failure.BadRequest("Field \"since\" must be a syncToken that sync returned."));
        Map<String, Long> tooMany = new HashMap<>();
        IntStream.rangeClosed(0, Limits.MAX_SYNC_CURSORS).forEach(i -> tooMany.put(ConversationId.newGroup(), 0L));
        assertThat(failureOf(() -> sync(ALICE_PHONE, tooMany, null, null))).isInstanceOf(Failure.BadRequest.class);
    }

    @Test
    void a_reply_stays_under_the_size_limit_and_asks_for_another_page() {
        String big = "x".repeat(15_000);
        for (String conversation : List.of(WITH_BOB, TEAM, QUIET, WITH_CAROL)) {
            IntStream.range(0, 4).forEach(i -> world.send(ALICE_PHONE, conversation, big));
        }

        SyncReply reply = sync(new Actor("alice", "laptop", "conn-alice-laptop"), null, null, null);

        long bytes = SyncPage.bytes(reply);
        assertThat(bytes).isLessThanOrEqualTo(Limits.MAX_REPLY_BYTES);
        assertThat(reply.hasMore()).isTrue();
        assertThat(reply.conversations()).isNotEmpty();
        assertThat(reply.conversations().getLast().hasMore()).isTrue();
    }

    @Test
    void a_user_with_no_conversations_gets_an_empty_list_and_a_device_told_to_register_for_push_again() {
        world.invalidPushDevices.add("fresh");

        SyncReply reply = sync(new Actor("dave", "fresh", "conn-dave"), null, null, null);

        assertThat(reply.conversations()).isEmpty();
        assertThat(reply.hasMore()).isFalse();
        assertThat(reply.pushRegistrationRequired()).isTrue();
    }
}
