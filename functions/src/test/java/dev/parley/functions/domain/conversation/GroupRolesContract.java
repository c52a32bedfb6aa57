package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.functions.domain.conversation.ConversationRepository.Outcome;
import dev.parley.functions.domain.conversation.MembershipChange.Standing;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ConversationRepository} does with a group's roles and settings ({@link GroupChange}), and with its
 * owner in membership changes: the fake and the DynamoDB adapter both implement it, on both tiers.
 */
public interface GroupRolesContract {
    Instant AT = Instant.parse("2026-03-02T12:00:00.456Z");

    ConversationRepository repository();

    private static String someone(String name) {
        return name + "-" + UUID.randomUUID();
    }

    private Conversation owned(String owner, String... others) {
        Set<String> members = new TreeSet<>(Set.of(others));
        members.add(owner);
        Conversation group = Conversation.created(ConversationId.newGroup(), Kind.GROUP, "Team", false, members,
                Set.of(owner), AT, owner);
        assertThat(repository().create(group)).isEqualTo(Outcome.APPLIED);
        return group;
    }

    private Conversation reread(Conversation group) {
        return repository().find(group.conversationId(), Consistency.STRONG).orElseThrow();
    }

    private Role rowRole(String userId, Conversation group) {
        return repository().membership(userId, group.conversationId()).orElseThrow().role();
    }

    private Conversation large(String owner, Set<String> newcomers) {
        Conversation group = owned(owner, someone("m"));
        assertThat(repository().apply(new MembershipChange.Grow(group.conversationId(), owner, newcomers, group.members(), AT)))
                .isEqualTo(Outcome.APPLIED);
        return group;
    }

    @Test
    default void a_new_groups_creator_owns_it_in_the_header_and_in_their_row() {
        String alice = someone("alice");
        Conversation group = owned(alice, someone("bob"));

        Conversation read = reread(group);
        assertThat(read.owner()).isEqualTo(alice);
        assertThat(read.admins()).containsExactly(alice);
        assertThat(read.postPolicy()).isEqualTo(PostPolicy.EVERYONE);
        assertThat(rowRole(alice, group)).isEqualTo(Role.OWNER);
    }

    @Test
    default void the_owner_makes_and_unmakes_admins_in_header_and_row_and_an_admin_cannot() {
        String alice = someone("alice");
        String bob = someone("bob");
        String carol = someone("carol");
        Conversation group = owned(alice, bob, carol);
        String id = group.conversationId();

        assertThat(repository().apply(new GroupChange.SetRole(id, alice, true, bob, Role.ADMIN, 64))).isEqualTo(Outcome.APPLIED);
        assertThat(reread(group).admins()).containsExactlyInAnyOrder(alice, bob);
        assertThat(rowRole(bob, group)).isEqualTo(Role.ADMIN);

        assertThat(repository().apply(new GroupChange.SetRole(id, bob, true, carol, Role.ADMIN, 64))).isEqualTo(Outcome.REFUSED);
        assertThat(repository().apply(new GroupChange.SetRole(id, bob, false, carol, Role.ADMIN, 64))).isEqualTo(Outcome.REFUSED);
        assertThat(repository().apply(new GroupChange.SetRole(id, alice, true, carol, Role.ADMIN, 2))).isEqualTo(Outcome.REFUSED);
        assertThat(repository().apply(new GroupChange.SetRole(id, alice, true, alice, Role.MEMBER, 64))).isEqualTo(Outcome.REFUSED);

        assertThat(repository().apply(new GroupChange.SetRole(id, alice, true, bob, Role.MEMBER, 64))).isEqualTo(Outcome.APPLIED);
        assertThat(reread(group).admins()).containsExactly(alice);
        assertThat(rowRole(bob, group)).isEqualTo(Role.MEMBER);
        assertThat(repository().apply(new GroupChange.SetRole(id, alice, true, someone("stranger"), Role.ADMIN, 64)))
                .isEqualTo(Outcome.REFUSED);
        assertThat(reread(group).admins()).containsExactly(alice);
    }

    @Test
    default void ownership_moves_to_a_member_who_becomes_admin_while_the_old_owner_stays_admin() {
        String alice = someone("alice");
        String bob = someone("bob");
        Conversation group = owned(alice, bob);

        assertThat(repository().apply(new GroupChange.Transfer(group.conversationId(), bob, alice))).isEqualTo(Outcome.REFUSED);
        assertThat(repository().apply(new GroupChange.Transfer(group.conversationId(), alice, bob))).isEqualTo(Outcome.APPLIED);

        Conversation read = reread(group);
        assertThat(read.owner()).isEqualTo(bob);
        assertThat(read.admins()).containsExactlyInAnyOrder(alice, bob);
        assertThat(rowRole(bob, group)).isEqualTo(Role.OWNER);
        assertThat(rowRole(alice, group)).isEqualTo(Role.ADMIN);
    }

    @Test
    default void the_owner_cannot_be_removed_and_leaving_as_owner_leaves_the_group_without_one() {
        String alice = someone("alice");
        String bob = someone("bob");
        Conversation group = owned(alice, bob);
        String id = group.conversationId();
        repository().apply(new GroupChange.SetRole(id, alice, true, bob, Role.ADMIN, 64));

        assertThat(repository().apply(new MembershipChange.Remove(id, bob, Set.of(alice)))).isEqualTo(Outcome.REFUSED);
        assertThat(repository().apply(new MembershipChange.Leave(id, alice, Standing.ONE_OF_SEVERAL_ADMINS, null, Tier.SMALL)))
                .isEqualTo(Outcome.REFUSED);
        assertThat(repository().apply(new MembershipChange.Leave(id, alice, Standing.ONE_OF_SEVERAL_ADMINS, null, Tier.SMALL, true)))
                .isEqualTo(Outcome.APPLIED);

        Conversation read = reread(group);
        assertThat(read.owner()).isNull();
        assertThat(read.admins()).containsExactly(bob);
        assertThat(read.mayAppointAdmins(bob)).isTrue();
    }

    @Test
    default void an_admin_sets_title_and_post_policy_and_a_member_cannot() {
        String alice = someone("alice");
        String bob = someone("bob");
        Conversation group = owned(alice, bob);
        String id = group.conversationId();

        assertThat(repository().apply(new GroupChange.Settings(id, bob, "Mine", PostPolicy.ADMINS))).isEqualTo(Outcome.REFUSED);
        assertThat(repository().apply(new GroupChange.Settings(id, alice, "News", PostPolicy.ADMINS))).isEqualTo(Outcome.APPLIED);
        assertThat(reread(group).title()).isEqualTo("News");
        assertThat(reread(group).postPolicy()).isEqualTo(PostPolicy.ADMINS);

        assertThat(repository().apply(new GroupChange.Settings(id, alice, null, PostPolicy.EVERYONE))).isEqualTo(Outcome.APPLIED);
        assertThat(reread(group).title()).isEqualTo("News");
        assertThat(reread(group).postPolicy()).isEqualTo(PostPolicy.EVERYONE);
    }

    @Test
    default void roles_and_settings_change_alike_in_a_large_group_whose_members_are_rows() {
        String alice = someone("alice");
        String newcomer = someone("n");
        Conversation group = large(alice, Set.of(newcomer, someone("n")));
        String id = group.conversationId();

        assertThat(repository().apply(new GroupChange.SetRole(id, alice, true, newcomer, Role.ADMIN, 64))).isEqualTo(Outcome.APPLIED);
        assertThat(repository().apply(new GroupChange.Settings(id, newcomer, null, PostPolicy.ADMINS))).isEqualTo(Outcome.APPLIED);

        Conversation read = reread(group);
        assertThat(read.tier()).isEqualTo(Tier.LARGE);
        assertThat(read.admins()).containsExactlyInAnyOrder(alice, newcomer);
        assertThat(read.owner()).isEqualTo(alice);
        assertThat(read.postPolicy()).isEqualTo(PostPolicy.ADMINS);
        assertThat(rowRole(newcomer, group)).isEqualTo(Role.ADMIN);
        assertThat(repository().apply(new MembershipChange.Remove(id, newcomer, Set.of(alice), Tier.LARGE))).isEqualTo(Outcome.REFUSED);
    }
}
