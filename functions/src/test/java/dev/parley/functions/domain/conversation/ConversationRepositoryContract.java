package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.functions.domain.conversation.ConversationRepository.Outcome;
import dev.parley.functions.domain.conversation.MembershipChange.Standing;
import dev.parley.functions.domain.receipt.ReadTally;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What every {@link ConversationRepository} does, run against the in-memory fake and against
 * DynamoDB (moto), so the fake the use case tests rely on cannot drift from the real store.
 * Above all: a change is written entirely or refused without writing anything.
 */
public abstract class ConversationRepositoryContract {
    protected static final Instant CREATED = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final int MAX = 64;

    protected abstract ConversationRepository repository();

    /** The member reads up to {@code seq} as markRead moves it: their read cursor and counted read position. */
    protected abstract void read(String userId, String conversationId, long seq);

    /** The read counts kept beside this store's rows (a large conversation's, docs/protocol/sync.md). */
    protected abstract ReadTally readTally(String conversationId);

    /** Stores a message at {@code seq}, as the send path does. */
    protected abstract void messageStored(String conversationId, long seq, Instant sentAt);

    /** A user no other test touches, so tests can share one table. */
    protected static String user(String name) {
        return name + "-" + UUID.randomUUID();
    }

    /** A group whose owner left: {@code admin} is its only admin, and the membership changes below need no owner. */
    private static Conversation group(String admin, String... others) {
        Set<String> members = new TreeSet<>(List.of(others));
        members.add(admin);
        return new Conversation(ConversationId.newGroup(), Kind.GROUP, "Team", false, members, Set.of(admin), CREATED, admin,
                0, CREATED);
    }

    /** A new group as createConversation makes it: its creator {@code owner} owns it. */
    private static Conversation owned(String owner, String... others) {
        Set<String> members = new TreeSet<>(List.of(others));
        members.add(owner);
        return Conversation.created(ConversationId.newGroup(), Kind.GROUP, "Team", false, members, Set.of(owner), CREATED, owner);
    }

    private Conversation created(Conversation conversation) {
        assertThat(repository().create(conversation)).isEqualTo(Outcome.APPLIED);
        return conversation;
    }

    private Conversation reread(Conversation conversation) {
        return repository().find(conversation.conversationId(), Consistency.STRONG).orElseThrow();
    }

    private boolean hasRow(String userId, Conversation conversation) {
        return repository().membership(userId, conversation.conversationId()).isPresent();
    }

    @Test
    void a_created_conversation_is_found_as_it_was_created_with_a_row_per_member() {
        String alice = user("alice");
        String bob = user("bob");
        Conversation direct = Conversation.created(ConversationId.direct(alice, bob), Kind.DIRECT, null, true,
                Set.of(alice, bob), Set.of(), CREATED, alice);

        created(direct);

        assertThat(reread(direct)).isEqualTo(direct);
        assertThat(repository().membership(bob, direct.conversationId())).contains(
                new Membership(bob, direct.conversationId(), Role.MEMBER, CREATED, 0, 0));
    }

    @Test
    void a_group_keeps_its_title_and_its_creator_as_admin_in_header_and_row() {
        String alice = user("alice");
        Conversation group = created(group(alice, user("bob")));

        assertThat(reread(group).title()).isEqualTo("Team");
        assertThat(reread(group).admins()).containsExactly(alice);
        assertThat(repository().membership(alice, group.conversationId()).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void creating_a_conversation_whose_id_exists_is_refused_and_leaves_the_first_as_it_was() {
        String alice = user("alice");
        String bob = user("bob");
        Conversation first = created(Conversation.created(ConversationId.direct(alice, bob), Kind.DIRECT, null, false,
                Set.of(alice, bob), Set.of(), CREATED, alice));

        Outcome second = repository().create(Conversation.created(first.conversationId(), Kind.DIRECT, null, true,
                Set.of(alice, bob), Set.of(), CREATED.plusSeconds(5), bob));

        assertThat(second).isEqualTo(Outcome.REFUSED);
        assertThat(reread(first)).isEqualTo(first);
    }

    @Test
    void an_unknown_conversation_is_not_found() {
        assertThat(repository().find(ConversationId.newGroup(), Consistency.EVENTUAL)).isEmpty();
        assertThat(repository().membership(user("alice"), ConversationId.newGroup())).isEmpty();
    }

    @Test
    void a_conversation_without_messages_is_at_seq_0_and_was_last_active_when_created() {
        Conversation group = created(group(user("alice")));

        assertThat(reread(group).lastSeq()).isZero();
        assertThat(reread(group).lastActivityAt()).isEqualTo(CREATED);
    }

    @Test
    void the_latest_message_gives_the_last_seq_and_the_last_activity() {
        Conversation group = created(group(user("alice")));
        messageStored(group.conversationId(), 1, CREATED.plusSeconds(1));
        messageStored(group.conversationId(), 2, CREATED.plusSeconds(2));

        assertThat(reread(group).lastSeq()).isEqualTo(2);
        assertThat(reread(group).lastActivityAt()).isEqualTo(CREATED.plusSeconds(2));
    }

    @Test
    void find_all_returns_those_of_the_ids_that_exist() {
        Conversation one = created(group(user("alice")));
        Conversation two = created(group(user("bob")));

        assertThat(repository().findAll(List.of(one.conversationId(), ConversationId.newGroup(), two.conversationId())))
                .extracting(Conversation::conversationId)
                .containsExactlyInAnyOrder(one.conversationId(), two.conversationId());
    }

    @Test
    void a_users_memberships_list_every_conversation_they_are_in() {
        String alice = user("alice");
        Conversation mine = created(group(alice));
        Conversation theirs = created(group(user("bob"), alice));
        created(group(user("carol")));

        assertThat(repository().memberships(alice))
                .extracting(Membership::conversationId, Membership::role)
                .containsExactlyInAnyOrder(
                        tuple(mine.conversationId(), Role.ADMIN),
                        tuple(theirs.conversationId(), Role.MEMBER));
    }

    @Test
    void an_admin_adds_members_to_the_header_and_their_rows_together() {
        String alice = user("alice");
        String dave = user("dave");
        Conversation group = created(group(alice, user("bob")));

        Outcome outcome = repository().apply(new MembershipChange.Add(group.conversationId(), alice, Set.of(dave), MAX, CREATED));

        assertThat(outcome).isEqualTo(Outcome.APPLIED);
        assertThat(reread(group).members()).contains(dave).hasSize(3);
        assertThat(repository().membership(dave, group.conversationId()).orElseThrow().role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void an_add_by_a_member_who_is_not_an_admin_is_refused_and_writes_nothing() {
        String bob = user("bob");
        String dave = user("dave");
        Conversation group = created(group(user("alice"), bob));

        Outcome outcome = repository().apply(new MembershipChange.Add(group.conversationId(), bob, Set.of(dave), MAX, CREATED));

        assertThat(outcome).isEqualTo(Outcome.REFUSED);
        assertThat(reread(group)).isEqualTo(group);
        assertThat(hasRow(dave, group)).isFalse();
    }

    @Test
    void an_add_where_one_newcomer_joined_meanwhile_is_refused_and_nobody_is_half_added() {
        String alice = user("alice");
        String bob = user("bob");
        String dave = user("dave");
        Conversation group = created(group(alice, bob));

        Outcome outcome = repository().apply(new MembershipChange.Add(group.conversationId(), alice, Set.of(bob, dave), MAX, CREATED));

        assertThat(outcome).isEqualTo(Outcome.REFUSED);
        assertThat(reread(group).members()).doesNotContain(dave);
        assertThat(hasRow(dave, group)).isFalse();
    }

    @Test
    void an_add_past_the_member_limit_is_refused_and_writes_nothing() {
        String alice = user("alice");
        Conversation group = created(group(alice, user("bob"), user("carol")));
        String dave = user("dave");
        String erin = user("erin");

        Outcome outcome = repository().apply(new MembershipChange.Add(group.conversationId(), alice, Set.of(dave, erin), 4, CREATED));

        assertThat(outcome).isEqualTo(Outcome.REFUSED);
        assertThat(reread(group)).isEqualTo(group);
        assertThat(hasRow(dave, group) || hasRow(erin, group)).isFalse();
    }

    @Test
    void removing_members_takes_them_out_of_the_members_the_admins_and_their_rows() {
        String alice = user("alice");
        String bob = user("bob");
        String carol = user("carol");
        Conversation group = created(group(alice, bob, carol));
        repository().apply(new MembershipChange.Leave(group.conversationId(), alice, Standing.LAST_ADMIN, bob));
        String dave = user("dave");
        repository().apply(new MembershipChange.Add(group.conversationId(), bob, Set.of(dave), MAX, CREATED));

        Outcome outcome = repository().apply(new MembershipChange.Remove(group.conversationId(), bob, Set.of(carol, dave)));

        assertThat(outcome).isEqualTo(Outcome.APPLIED);
        assertThat(reread(group).members()).containsExactly(bob);
        assertThat(hasRow(carol, group) || hasRow(dave, group)).isFalse();
    }

    @Test
    void a_removal_naming_someone_already_gone_is_refused_and_removes_nobody() {
        String alice = user("alice");
        String bob = user("bob");
        Conversation group = created(group(alice, bob));

        Outcome outcome = repository().apply(new MembershipChange.Remove(group.conversationId(), alice, Set.of(bob, user("gone"))));

        assertThat(outcome).isEqualTo(Outcome.REFUSED);
        assertThat(reread(group).members()).contains(bob);
        assertThat(hasRow(bob, group)).isTrue();
    }

    @Test
    void a_member_who_leaves_is_gone_from_the_header_and_has_no_row() {
        String alice = user("alice");
        String bob = user("bob");
        Conversation group = created(group(alice, bob));

        Outcome outcome = repository().apply(new MembershipChange.Leave(group.conversationId(), bob, Standing.MEMBER, null));

        assertThat(outcome).isEqualTo(Outcome.APPLIED);
        assertThat(reread(group).members()).containsExactly(alice);
        assertThat(hasRow(bob, group)).isFalse();
    }

    @Test
    void the_last_admin_leaving_makes_the_heir_admin_in_the_header_and_in_their_row() {
        String alice = user("alice");
        String bob = user("bob");
        Conversation group = created(group(alice, bob, user("carol")));

        Outcome outcome = repository().apply(new MembershipChange.Leave(group.conversationId(), alice, Standing.LAST_ADMIN, bob));

        assertThat(outcome).isEqualTo(Outcome.APPLIED);
        assertThat(reread(group).admins()).containsExactly(bob);
        assertThat(reread(group).members()).doesNotContain(alice).hasSize(2);
        assertThat(repository().membership(bob, group.conversationId()).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void of_two_admins_who_both_decided_to_leave_beside_the_other_only_the_first_goes() {
        String alice = user("alice");
        String bob = user("bob");
        Conversation group = created(new Conversation(ConversationId.newGroup(), Kind.GROUP, null, false,
                Set.of(alice, bob, user("erin")), Set.of(alice, bob), CREATED, alice, 0, CREATED));

        Outcome first = repository().apply(new MembershipChange.Leave(group.conversationId(), alice, Standing.ONE_OF_SEVERAL_ADMINS, null));
        Outcome other = repository().apply(new MembershipChange.Leave(group.conversationId(), bob, Standing.ONE_OF_SEVERAL_ADMINS, null));

        assertThat(first).isEqualTo(Outcome.APPLIED);
        assertThat(other).isEqualTo(Outcome.REFUSED);
        assertThat(reread(group).admins()).containsExactly(bob);
        assertThat(hasRow(bob, group)).isTrue();
    }

    @Test
    void a_member_made_admin_meanwhile_cannot_leave_as_a_plain_member() {
        String alice = user("alice");
        String bob = user("bob");
        Conversation group = created(group(alice, bob, user("carol")));
        repository().apply(new MembershipChange.Leave(group.conversationId(), alice, Standing.LAST_ADMIN, bob));

        Outcome outcome = repository().apply(new MembershipChange.Leave(group.conversationId(), bob, Standing.MEMBER, null));

        assertThat(outcome).isEqualTo(Outcome.REFUSED);
        assertThat(reread(group).admins()).containsExactly(bob);
    }

    @Test
    void the_last_member_leaving_leaves_a_header_without_members_or_admins() {
        String alice = user("alice");
        Conversation group = created(group(alice));

        Outcome outcome = repository().apply(new MembershipChange.Leave(group.conversationId(), alice, Standing.LAST_MEMBER, null));

        assertThat(outcome).isEqualTo(Outcome.APPLIED);
        assertThat(reread(group).members()).isEmpty();
        assertThat(reread(group).admins()).isEmpty();
        assertThat(hasRow(alice, group)).isFalse();
    }

    /** A small group of {@code size} members (alice the admin), grown by {@code newcomers} into a large one. */
    private Conversation grown(String alice, int size, Set<String> newcomers) {
        Set<String> others = new TreeSet<>();
        while (others.size() < size - 1) {
            others.add(user("m"));
        }
        Conversation group = created(group(alice, others.toArray(String[]::new)));
        assertThat(repository().apply(new MembershipChange.Grow(group.conversationId(), alice, newcomers, group.members(), CREATED)))
                .isEqualTo(Outcome.APPLIED);
        return group;
    }

    private Set<String> users(int count) {
        Set<String> users = new TreeSet<>();
        while (users.size() < count) {
            users.add(user("n"));
        }
        return users;
    }

    private List<String> allMembers(Conversation conversation, int pageSize) {
        List<String> all = new java.util.ArrayList<>();
        String after = null;
        ConversationRepository.MemberPage page;
        do {
            page = repository().members(conversation.conversationId(), after, pageSize);
            all.addAll(page.userIds());
            after = page.userIds().isEmpty() ? after : page.userIds().getLast();
        } while (page.hasMore());
        return all;
    }

    @Test
    void a_small_group_that_grows_past_its_limit_becomes_large_in_the_same_write_with_every_member_in_the_rows() {
        String alice = user("alice");
        Set<String> newcomers = users(3);

        Conversation group = grown(alice, MAX, newcomers);

        Conversation large = reread(group);
        assertThat(large.tier()).isEqualTo(Tier.LARGE);
        assertThat(large.memberCount()).isEqualTo(MAX + 3);
        assertThat(large.members()).isEmpty();
        assertThat(large.admins()).containsExactly(alice);
        List<String> listed = allMembers(group, 10);
        assertThat(listed).hasSize(MAX + 3).isSorted().containsAll(group.members()).containsAll(newcomers);
        assertThat(repository().membersAmong(group.conversationId(), List.of(alice, user("stranger")))).containsExactly(alice);
    }

    @Test
    void a_switch_decided_on_a_member_count_that_changed_meanwhile_is_refused_and_writes_nothing() {
        String alice = user("alice");
        Conversation group = created(group(alice, user("bob")));
        String dave = user("dave");

        Set<String> three = new TreeSet<>(group.members());
        three.add(user("erin"));
        Outcome outcome = repository().apply(new MembershipChange.Grow(group.conversationId(), alice, Set.of(dave), three, CREATED));

        assertThat(outcome).isEqualTo(Outcome.REFUSED);
        assertThat(reread(group)).isEqualTo(group);
        assertThat(hasRow(dave, group)).isFalse();
    }

    @Test
    void adding_to_a_large_group_counts_the_newcomers_and_refuses_past_its_limit_or_a_newcomer_who_joined_meanwhile() {
        String alice = user("alice");
        Conversation group = grown(alice, 2, users(1));
        String id = group.conversationId();
        Set<String> more = users(2);

        assertThat(repository().apply(new MembershipChange.Add(id, alice, more, 10, CREATED, Tier.LARGE))).isEqualTo(Outcome.APPLIED);
        assertThat(reread(group).memberCount()).isEqualTo(5);
        Set<String> again = new TreeSet<>(users(1));
        again.add(more.iterator().next());
        assertThat(repository().apply(new MembershipChange.Add(id, alice, again, 10, CREATED, Tier.LARGE))).isEqualTo(Outcome.REFUSED);
        assertThat(repository().apply(new MembershipChange.Add(id, alice, users(2), 6, CREATED, Tier.LARGE))).isEqualTo(Outcome.REFUSED);
        assertThat(repository().apply(new MembershipChange.Add(id, alice, users(1), 10, CREATED, Tier.SMALL))).isEqualTo(Outcome.REFUSED);
        assertThat(reread(group).memberCount()).isEqualTo(5);
        assertThat(allMembers(group, 100)).hasSize(5);
    }

    @Test
    void removing_from_a_large_group_deletes_the_rows_and_the_count_together() {
        String alice = user("alice");
        Set<String> newcomers = users(2);
        Conversation group = grown(alice, 2, newcomers);
        String gone = newcomers.iterator().next();

        Outcome outcome = repository().apply(new MembershipChange.Remove(group.conversationId(), alice, Set.of(gone), Tier.LARGE));

        assertThat(outcome).isEqualTo(Outcome.APPLIED);
        assertThat(reread(group).memberCount()).isEqualTo(3);
        assertThat(hasRow(gone, group)).isFalse();
        assertThat(repository().apply(new MembershipChange.Remove(group.conversationId(), alice, Set.of(gone), Tier.LARGE)))
                .isEqualTo(Outcome.REFUSED);
        assertThat(reread(group).memberCount()).isEqualTo(3);
    }

    private long[] readBy(String conversationId, long... seqs) {
        ReadTally tally = readTally(conversationId);
        return java.util.Arrays.stream(seqs).map(tally::readBy).toArray();
    }

    @Test
    void members_removed_from_or_leaving_a_large_group_no_longer_count_as_readers_and_a_retry_takes_nothing_back_twice() {
        String alice = user("alice");
        List<String> newcomers = List.copyOf(users(4));
        String id = grown(alice, 2, new TreeSet<>(newcomers)).conversationId();
        read(alice, id, 5);
        read(newcomers.get(0), id, 3);
        read(newcomers.get(1), id, 5);
        read(newcomers.get(2), id, 3);
        read(newcomers.get(2), id, 7);
        assertThat(readBy(id, 3, 5, 7)).containsExactly(4, 3, 1);

        Set<String> removed = Set.of(newcomers.get(2), newcomers.get(3));
        assertThat(repository().apply(new MembershipChange.Remove(id, alice, removed, Tier.LARGE))).isEqualTo(Outcome.APPLIED);
        assertThat(readBy(id, 3, 5, 7)).as("the reader at 7 and one who never read removed").containsExactly(3, 2, 0);
        assertThat(repository().apply(new MembershipChange.Remove(id, alice, removed, Tier.LARGE))).isEqualTo(Outcome.REFUSED);
        assertThat(readBy(id, 3, 5, 7)).as("a retried removal").containsExactly(3, 2, 0);

        assertThat(repository().apply(new MembershipChange.Leave(id, newcomers.get(0), Standing.MEMBER, null, Tier.LARGE)))
                .isEqualTo(Outcome.APPLIED);
        assertThat(readBy(id, 3, 5)).as("the reader at 3 left").containsExactly(2, 2);
        read(newcomers.get(2), id, 9);
        assertThat(readBy(id, 3, 9)).as("a read by someone removed, arriving late").containsExactly(2, 0);
        assertThat(repository().apply(new MembershipChange.Leave(id, alice, Standing.LAST_ADMIN, newcomers.get(1), Tier.LARGE)))
                .isEqualTo(Outcome.APPLIED);
        assertThat(readBy(id, 3, 5)).as("the last admin left, handing over").containsExactly(1, 1);
    }

    @Test
    void the_last_admin_of_a_large_group_leaving_hands_over_to_the_heir() {
        String alice = user("alice");
        Set<String> newcomers = users(2);
        Conversation group = grown(alice, 2, newcomers);
        String heir = newcomers.iterator().next();

        Outcome outcome = repository().apply(new MembershipChange.Leave(group.conversationId(), alice, Standing.LAST_ADMIN, heir, Tier.LARGE));

        assertThat(outcome).isEqualTo(Outcome.APPLIED);
        Conversation after = reread(group);
        assertThat(after.admins()).containsExactly(heir);
        assertThat(after.memberCount()).isEqualTo(3);
        assertThat(hasRow(alice, group)).isFalse();
        assertThat(repository().membership(heir, group.conversationId()).orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(repository().apply(new MembershipChange.Leave(group.conversationId(), heir, Standing.MEMBER, null, Tier.LARGE)))
                .isEqualTo(Outcome.REFUSED);
    }

    @Test
    void every_membership_change_moves_the_epoch_by_one_in_the_same_write_and_a_refused_one_does_not() {
        String alice = user("alice");
        String bob = user("bob");
        Conversation group = created(group(alice, bob));
        String id = group.conversationId();
        assertThat(reread(group).membersEpoch()).as("a new conversation").isZero();

        assertThat(repository().apply(new MembershipChange.Add(id, alice, users(1), MAX, CREATED))).isEqualTo(Outcome.APPLIED);
        assertThat(reread(group).membersEpoch()).as("a small add").isEqualTo(1);
        assertThat(repository().apply(new MembershipChange.Remove(id, alice, Set.of(user("gone"))))).isEqualTo(Outcome.REFUSED);
        assertThat(reread(group).membersEpoch()).as("a refused removal").isEqualTo(1);
        assertThat(repository().apply(new MembershipChange.Leave(id, bob, Standing.MEMBER, null))).isEqualTo(Outcome.APPLIED);
        assertThat(reread(group).membersEpoch()).as("a small leave").isEqualTo(2);

        Set<String> newcomers = users(2);
        Conversation large = grown(user("carol"), 2, newcomers);
        String largeId = large.conversationId();
        String carol = large.admins().iterator().next();
        assertThat(reread(large).membersEpoch()).as("the switch to large").isEqualTo(1);
        assertThat(repository().apply(new MembershipChange.Add(largeId, carol, users(1), 10, CREATED, Tier.LARGE)))
                .isEqualTo(Outcome.APPLIED);
        assertThat(reread(large).membersEpoch()).as("a large add").isEqualTo(2);
        assertThat(repository().apply(new MembershipChange.Remove(largeId, carol, Set.of(newcomers.iterator().next()), Tier.LARGE)))
                .isEqualTo(Outcome.APPLIED);
        assertThat(reread(large).membersEpoch()).as("a large removal").isEqualTo(3);
        String heir = List.copyOf(newcomers).get(1);
        assertThat(repository().apply(new MembershipChange.Leave(largeId, carol, Standing.LAST_ADMIN, heir, Tier.LARGE)))
                .isEqualTo(Outcome.APPLIED);
        assertThat(reread(large).membersEpoch()).as("a large leave handing over").isEqualTo(4);
        assertThat(reread(large).summaryFor(heir, 0).membersEpoch()).isEqualTo(4);
    }
}
