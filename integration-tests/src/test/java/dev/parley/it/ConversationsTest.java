package dev.parley.it;

import dev.parley.model.ErrorCode;
import dev.parley.model.Frame;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.AddMembersRequest;
import dev.parley.model.v1.ConversationEvent;
import dev.parley.model.v1.ConversationReply;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.CreateConversationReply;
import dev.parley.model.v1.CreateConversationRequest;
import dev.parley.model.v1.FindUsersReply;
import dev.parley.model.v1.FindUsersRequest;
import dev.parley.model.v1.GetConversationReply;
import dev.parley.model.v1.GetConversationRequest;
import dev.parley.model.v1.LeaveConversationReply;
import dev.parley.model.v1.LeaveConversationRequest;
import dev.parley.model.v1.ListConversationsReply;
import dev.parley.model.v1.ListConversationsRequest;
import dev.parley.model.v1.MemberInfo;
import dev.parley.model.v1.PingReply;
import dev.parley.model.v1.PingRequest;
import dev.parley.model.v1.RemoveMembersRequest;
import dev.parley.model.v1.UserMatch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The directory, conversations and membership over real sockets: what a client shows in its lists. */
class ConversationsTest extends WithThreeUsers {
    private static List<String> strangers(int count) {
        return IntStream.range(0, count).mapToObj(i -> UUID.randomUUID().toString()).toList();
    }

    @Test
    void findUsers_returns_exact_matches_only_and_leaves_unknown_names_out() {
        try (Device b = Device.connect(bob)) {
            String nobody = "nobody-" + UUID.randomUUID();
            String prefix = alice.username().substring(0, alice.username().length() - 1);

            FindUsersReply found = b.call(Actions.FIND_USERS,
                    new FindUsersRequest(List.of(alice.username(), nobody, prefix)), FindUsersReply.class);

            assertThat(found.users()).extracting(UserMatch::username, UserMatch::userId)
                    .containsExactly(tuple(alice.username(), alice.userId()));
            assertThat(found.users().getFirst().displayName()).isNotBlank();
        }
    }

    /**
     * Over a socket the server's minute is not the test's to choose, so a run may straddle two
     * windows; the exact count (30 a calendar minute, to the millisecond, then a fresh window) is
     * pinned with an injected clock in FindUsersTest and DynamoDbRateLimiterTest.
     */
    @Test
    void findUsers_is_rate_limited_and_the_connection_survives() {
        try (Device c = Device.connect(carol)) {
            int answered = 0;
            Frame.Error limited = null;
            for (int call = 0; call <= 2 * Limits.FIND_USERS_PER_MINUTE && limited == null; call++) {
                Frame answer = c.answer(c.submit(Actions.FIND_USERS, new FindUsersRequest(List.of(alice.username()))));
                if (answer instanceof Frame.Error error) {
                    limited = error;
                } else {
                    answered++;
                }
            }
            assertThat(limited).as("RATE_LIMITED within " + (2 * Limits.FIND_USERS_PER_MINUTE + 1) + " calls").isNotNull();
            assertThat(limited.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(answered).isLessThanOrEqualTo(2 * Limits.FIND_USERS_PER_MINUTE);
            c.assertAlive();
        }
    }

    @Test
    void findUsers_with_more_than_25_names_gets_BAD_REQUEST() {
        try (Device b = Device.connect(bob)) {
            List<String> names = IntStream.rangeClosed(0, Limits.MAX_FIND_USERS).mapToObj(i -> "name" + i).toList();
            b.refused(Actions.FIND_USERS, new FindUsersRequest(names), ErrorCode.BAD_REQUEST);
            b.assertAlive();
        }
    }

    @Test
    void a_direct_conversation_is_the_same_conversation_whoever_creates_it_and_however_often() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob)) {
            CreateConversationReply fromAlice = a.createDirect(bob.userId());
            CreateConversationReply fromBob = b.createDirect(alice.userId());
            CreateConversationReply again = a.call(Actions.CREATE_CONVERSATION,
                    new CreateConversationRequest("direct", List.of(alice.userId(), bob.userId()), null, true),
                    CreateConversationReply.class);

            ConversationSummary direct = fromBob.conversation();
            assertThat(direct.conversationId()).matches("d_[0-9a-f]{32}")
                    .isEqualTo(fromAlice.conversation().conversationId()).isEqualTo(again.conversation().conversationId());
            assertThat(fromBob.created()).isFalse();
            assertThat(again.created()).isFalse();
            assertThat(again.conversation().e2ee()).as("e2ee is fixed at creation").isEqualTo(fromAlice.conversation().e2ee());
            assertThat(direct.kind()).isEqualTo("direct");
            assertThat(direct.memberCount()).isEqualTo(2);
            assertThat(direct.role()).isEqualTo("member");
        }
    }

    @Test
    void a_new_group_makes_its_creator_admin_and_tells_the_other_members_live_devices() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob)) {
            ConversationSummary group = a.createGroup("Climbing Saturday", false, bob.userId(), carol.userId(), bob.userId());

            assertThat(group.conversationId()).matches("g_[0-9a-f]{32}");
            assertThat(group.kind()).isEqualTo("group");
            assertThat(group.title()).isEqualTo("Climbing Saturday");
            assertThat(group.e2ee()).isFalse();
            assertThat(group.memberCount()).as("the creator counts, duplicates do not").isEqualTo(3);
            assertThat(group.role()).isEqualTo("owner");
            assertThat(group.lastSeq()).isZero();
            assertThat(group.unreadCount()).isZero();
            assertThat(group.lastActivityAt()).isPositive();

            ConversationEvent created = b.awaitConversationEvent(group.conversationId(), "created");
            assertThat(created.by()).isEqualTo(alice.userId());
            assertThat(created.conversation().role()).as("as bob sees it").isEqualTo("member");
            assertThat(a.eventsBeforeMarker(Actions.CONVERSATION_EVENT, p -> true, ConversationEvent.class))
                    .as("the creating connection gets only the reply").isEmpty();

            GetConversationReply got = b.get(group.conversationId());
            assertThat(got.conversation().conversationId()).isEqualTo(group.conversationId());
            assertThat(got.conversation().role()).isEqualTo("member");
            assertThat(got.members()).extracting(MemberInfo::userId, MemberInfo::role).containsExactlyInAnyOrder(
                    tuple(alice.userId(), "owner"), tuple(bob.userId(), "member"), tuple(carol.userId(), "member"));
        }
    }

    @Test
    void listConversations_puts_the_newest_activity_first_counts_unread_and_pages_with_a_cursor() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob)) {
            String older = a.createGroup("older", false, bob.userId()).conversationId();
            String newer = a.createGroup("newer", false, bob.userId()).conversationId();
            a.send(older, Device.uniqueId("m"), "one");
            a.send(older, Device.uniqueId("m"), "two");

            ListConversationsReply page = b.call(Actions.LIST_CONVERSATIONS, new ListConversationsRequest(null, null),
                    ListConversationsReply.class);

            List<String> ids = page.conversations().stream().map(ConversationSummary::conversationId).toList();
            assertThat(ids).containsSubsequence(older, newer);
            assertThat(ids.indexOf(older)).as("the conversation with the latest message comes first").isZero();
            assertThat(page.conversations()).isSortedAccordingTo(
                    Comparator.comparingLong(ConversationSummary::lastActivityAt).reversed());
            ConversationSummary olderAtBob = page.conversations().getFirst();
            assertThat(olderAtBob.lastSeq()).isEqualTo(2);
            assertThat(olderAtBob.unreadCount()).isEqualTo(2);
            assertThat(page.conversations().size()).isLessThanOrEqualTo(20);

            List<String> paged = new ArrayList<>();
            String cursor = null;
            for (int i = 0; i < 2; i++) {
                ListConversationsReply onePage = b.call(Actions.LIST_CONVERSATIONS, new ListConversationsRequest(1, cursor),
                        ListConversationsReply.class);
                assertThat(onePage.conversations()).hasSize(1);
                assertThat(onePage.nextCursor()).as("bob has more than two conversations by now").isNotBlank();
                paged.add(onePage.conversations().getFirst().conversationId());
                cursor = onePage.nextCursor();
            }
            assertThat(paged).containsExactly(older, newer);
        }
    }

    @Test
    void listConversations_refuses_a_page_size_out_of_range() {
        try (Device a = Device.connect(alice)) {
            a.refused(Actions.LIST_CONVERSATIONS, new ListConversationsRequest(Limits.MAX_PAGE + 1, null), ErrorCode.BAD_REQUEST);
            a.refused(Actions.LIST_CONVERSATIONS, new ListConversationsRequest(0, null), ErrorCode.BAD_REQUEST);
            a.assertAlive();
        }
    }

    @Test
    void an_admin_adds_a_member_and_every_member_including_the_new_one_is_told() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob); Device c = Device.connect(carol)) {
            String id = a.createGroup("growing", false, bob.userId()).conversationId();

            ConversationReply grown = a.call(Actions.ADD_MEMBERS, new AddMembersRequest(id, List.of(carol.userId())),
                    ConversationReply.class);

            assertThat(grown.conversation().memberCount()).isEqualTo(3);
            for (Device told : List.of(b, c)) {
                ConversationEvent added = told.awaitConversationEvent(id, "membersAdded");
                assertThat(added.by()).isEqualTo(alice.userId());
                assertThat(added.members()).containsExactly(carol.userId());
            }
            long seq = b.send(id, Device.uniqueId("m"), "welcome carol").seq();
            assertThat(c.awaitMessage(id, seq).text()).isEqualTo("welcome carol");
        }
    }

    @Test
    void a_member_who_is_not_admin_gets_FORBIDDEN_for_changing_others_membership() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob)) {
            String id = a.createGroup("admins only", false, bob.userId()).conversationId();

            b.refused(Actions.ADD_MEMBERS, new AddMembersRequest(id, List.of(carol.userId())), ErrorCode.FORBIDDEN);
            b.refused(Actions.REMOVE_MEMBERS, new RemoveMembersRequest(id, List.of(alice.userId())), ErrorCode.FORBIDDEN);
            b.assertAlive();
            assertThat(a.get(id).members()).extracting(MemberInfo::userId).containsExactlyInAnyOrder(alice.userId(), bob.userId());
        }
    }

    @Test
    void membership_of_a_direct_conversation_cannot_change() {
        try (Device a = Device.connect(alice)) {
            String direct = a.createDirect(bob.userId()).conversation().conversationId();
            a.refused(Actions.ADD_MEMBERS, new AddMembersRequest(direct, List.of(carol.userId())), ErrorCode.BAD_REQUEST);
            a.refused(Actions.LEAVE_CONVERSATION, new LeaveConversationRequest(direct), ErrorCode.BAD_REQUEST);
            a.assertAlive();
        }
    }

    /**
     * createConversation makes small groups only; a full one that addMembers grows becomes large
     * (LargeGroupsTest), and one request adds at most 99. The 10,000-member limit is pinned in
     * AddMembersTest: reaching it here would take 100 requests.
     */
    @Test
    void a_group_is_created_with_at_most_64_members_grows_large_past_them_and_99_a_request() {
        try (Device a = Device.connect(alice)) {
            a.refused(Actions.CREATE_CONVERSATION,
                    new CreateConversationRequest("group", strangers(Limits.MAX_MEMBERS), "too big", false), ErrorCode.LIMIT_EXCEEDED);
            a.assertAlive();

            ConversationSummary full = a.createGroup("full", false, strangers(Limits.MAX_MEMBERS - 1).toArray(String[]::new));
            assertThat(full.memberCount()).isEqualTo(Limits.MAX_MEMBERS);
            assertThat(full.tier()).isEqualTo("small");
            a.refused(Actions.ADD_MEMBERS, new AddMembersRequest(full.conversationId(), strangers(Limits.MAX_ADD_MEMBERS + 1)),
                    ErrorCode.BAD_REQUEST);
            ConversationSummary grown = a.call(Actions.ADD_MEMBERS,
                    new AddMembersRequest(full.conversationId(), List.of(bob.userId())), ConversationReply.class).conversation();
            assertThat(grown.tier()).isEqualTo("large");
            assertThat(grown.memberCount()).isEqualTo(Limits.MAX_MEMBERS + 1);
            a.assertAlive();
        }
    }

    @Test
    void a_member_who_leaves_is_gone_for_the_others_and_gets_NOT_FOUND_afterwards() {
        try (Device a = Device.connect(alice); Device c = Device.connect(carol)) {
            String id = a.createGroup("leaving", false, bob.userId(), carol.userId()).conversationId();

            LeaveConversationReply left = c.call(Actions.LEAVE_CONVERSATION, new LeaveConversationRequest(id), LeaveConversationReply.class);

            assertThat(left.conversationId()).isEqualTo(id);
            ConversationEvent told = a.awaitConversationEvent(id, "left");
            assertThat(told.by()).isEqualTo(carol.userId());
            assertThat(a.get(id).conversation().memberCount()).isEqualTo(2);
            c.refused(Actions.GET_CONVERSATION, new GetConversationRequest(id), ErrorCode.NOT_FOUND);
            c.assertAlive();
        }
    }

    @Test
    void ping_answers_with_the_server_clock() {
        try (Device a = Device.connect(alice)) {
            long before = System.currentTimeMillis();
            PingReply pong = a.call(Actions.PING, new PingRequest(), PingReply.class);
            assertThat(pong.serverTime()).isBetween(before - 60_000, System.currentTimeMillis() + 60_000);
        }
    }
}
