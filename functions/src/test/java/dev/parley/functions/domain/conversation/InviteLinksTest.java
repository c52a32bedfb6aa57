package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.Failure.InviteUnusable.Why;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.functions.testing.SettableClock;
import dev.parley.model.Limits;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.CreateInviteReply;
import dev.parley.model.v1.InviteInfo;
import dev.parley.model.v1.ListInvitesReply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.parley.functions.domain.conversation.ConversationWorld.ALICE;
import static dev.parley.functions.domain.conversation.ConversationWorld.BOB;
import static dev.parley.functions.domain.conversation.ConversationWorld.CAROL;
import static dev.parley.functions.domain.conversation.ConversationWorld.DAVE;
import static dev.parley.functions.domain.conversation.ConversationWorld.NOW;
import static dev.parley.functions.domain.conversation.ConversationWorld.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class InviteLinksTest {
    private final ConversationWorld world = new ConversationWorld();
    private final SettableClock clock = new SettableClock(NOW);
    private final InMemoryInvites invites = world.repository.invites;
    private final CreateInvite create = new CreateInvite(world.repository, invites, clock);
    private final JoinByInvite join = new JoinByInvite(world.repository, invites, world.events, clock);
    private final RevokeInvite revoke = new RevokeInvite(world.repository, invites);
    private final ListInvites list = new ListInvites(world.repository, invites);

    private Conversation read(String id) {
        return world.repository.find(id, Consistency.STRONG).orElseThrow();
    }

    @Test
    void a_holder_of_the_token_joins_the_members_are_told_and_one_use_counts() {
        String id = world.group(ALICE, BOB);
        CreateInviteReply invite = create.create(ALICE, new CreateInvite.Command(id, null, null));

        ConversationSummary summary = join.join(CAROL, new JoinByInvite.Command(invite.token())).conversation();

        assertThat(summary.conversationId()).isEqualTo(id);
        assertThat(summary.role()).isEqualTo("member");
        assertThat(read(id).isMember("carol")).isTrue();
        assertThat(world.events()).extracting(ConversationWorld.Delivered::connectionId, ConversationWorld.Delivered::change)
                .containsExactlyInAnyOrder(tuple("conn-alice-phone", "membersAdded"), tuple("conn-alice-laptop", "membersAdded"),
                        tuple("conn-bob", "membersAdded"));
        assertThat(invite.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)).toEpochMilli());
        assertThat(invite.maxUses()).isEqualTo(Limits.MAX_LARGE_MEMBERS);
        assertThat(invites.find(id, invite.inviteId()).orElseThrow().uses()).isEqualTo(1);
        assertThat(invites.find(id, invite.inviteId()).orElseThrow().secretHash()).doesNotContain(invite.token().substring(invite.token().lastIndexOf('.') + 1));
    }

    @Test
    void a_member_joining_again_gets_the_summary_and_no_use_counts() {
        String id = world.group(ALICE, BOB);
        CreateInviteReply invite = create.create(ALICE, new CreateInvite.Command(id, null, 1));

        assertThat(join.join(BOB, new JoinByInvite.Command(invite.token())).conversation().conversationId()).isEqualTo(id);
        join.join(CAROL, new JoinByInvite.Command(invite.token()));
        join.join(CAROL, new JoinByInvite.Command(invite.token()));

        assertThat(invites.find(id, invite.inviteId()).orElseThrow().uses()).isEqualTo(1);
    }

    @Test
    void an_expired_invite_is_refused() {
        String id = world.group(ALICE, BOB);
        CreateInviteReply invite = create.create(ALICE, new CreateInvite.Command(id, 60L, null));
        clock.set(NOW.plusSeconds(60));

        assertThat(failureOf(() -> join.join(CAROL, new JoinByInvite.Command(invite.token()))))
                .isEqualTo(new Failure.InviteUnusable(Why.EXPIRED, "This invite link expired at " + NOW.plusSeconds(60) + "."));
        assertThat(read(id).isMember("carol")).isFalse();
    }

    @Test
    void a_revoked_invite_is_refused_and_revoking_again_is_harmless() {
        String id = world.group(ALICE, BOB);
        CreateInviteReply invite = create.create(ALICE, new CreateInvite.Command(id, null, null));
        revoke.revoke(ALICE, new RevokeInvite.Command(id, invite.inviteId()));
        revoke.revoke(ALICE, new RevokeInvite.Command(id, invite.inviteId()));

        assertThat(failureOf(() -> join.join(CAROL, new JoinByInvite.Command(invite.token()))))
                .isEqualTo(new Failure.InviteUnusable(Why.REVOKED, "This invite link was revoked."));
        assertThat(failureOf(() -> revoke.revoke(ALICE, new RevokeInvite.Command(id, 12345L))))
                .isInstanceOf(Failure.BadRequest.class);
    }

    @Test
    void a_revocation_that_wins_the_race_refuses_the_join() {
        String id = world.group(ALICE, BOB);
        CreateInviteReply invite = create.create(ALICE, new CreateInvite.Command(id, null, null));
        world.repository.beforeNextWrite(() -> invites.revoke(id, invite.inviteId()));

        assertThat(failureOf(() -> join.join(CAROL, new JoinByInvite.Command(invite.token()))))
                .isEqualTo(new Failure.InviteUnusable(Why.REVOKED, "This invite link was revoked."));
        assertThat(read(id).isMember("carol")).isFalse();
    }

    @Test
    void an_invite_used_up_is_refused() {
        String id = world.group(ALICE, BOB);
        CreateInviteReply invite = create.create(ALICE, new CreateInvite.Command(id, null, 1));
        join.join(CAROL, new JoinByInvite.Command(invite.token()));

        assertThat(failureOf(() -> join.join(DAVE, new JoinByInvite.Command(invite.token()))))
                .isEqualTo(new Failure.InviteUnusable(Why.USED_UP, "This invite link was used its 1 times."));
    }

    @Test
    void a_wrong_secret_reads_as_an_unknown_invite_and_a_malformed_token_is_a_bad_request() {
        String id = world.group(ALICE, BOB);
        CreateInviteReply invite = create.create(ALICE, new CreateInvite.Command(id, null, null));
        String wrongSecret = invite.token().substring(0, invite.token().lastIndexOf('.') + 1) + "A".repeat(43);
        String unknown = id + ".77." + "B".repeat(43);

        Failure wrong = failureOf(() -> join.join(CAROL, new JoinByInvite.Command(wrongSecret)));
        assertThat(wrong).isEqualTo(new Failure.InviteUnusable(Why.NOT_VALID, "This invite link is not valid."));
        assertThat(failureOf(() -> join.join(CAROL, new JoinByInvite.Command(unknown)))).isEqualTo(wrong);
        for (String bad : new String[] {null, "", "g_123.1.x", id + ".0." + "A".repeat(43), id + ".1." + "A".repeat(42)}) {
            assertThat(failureOf(() -> join.join(CAROL, new JoinByInvite.Command(bad)))).isInstanceOf(Failure.BadRequest.class);
        }
    }

    @Test
    void only_admins_make_revoke_and_list_invites_and_bounds_are_checked() {
        String id = world.group(ALICE, BOB);
        CreateInviteReply invite = create.create(ALICE, new CreateInvite.Command(id, null, null));

        assertThat(failureOf(() -> create.create(BOB, new CreateInvite.Command(id, null, null)))).isInstanceOf(Failure.Forbidden.class);
        assertThat(failureOf(() -> revoke.revoke(BOB, new RevokeInvite.Command(id, invite.inviteId())))).isInstanceOf(Failure.Forbidden.class);
        assertThat(failureOf(() -> list.list(BOB, new ListInvites.Command(id, null, null)))).isInstanceOf(Failure.Forbidden.class);
        assertThat(failureOf(() -> create.create(CAROL, new CreateInvite.Command(id, null, null))))
                .isInstanceOf(Failure.ConversationNotFound.class);
        for (CreateInvite.Command bad : List.of(new CreateInvite.Command(id, 0L, null), new CreateInvite.Command(id, 2_592_001L, null),
                new CreateInvite.Command(id, null, 0), new CreateInvite.Command(id, null, Limits.MAX_LARGE_MEMBERS + 1))) {
            assertThat(failureOf(() -> create.create(ALICE, bad))).isInstanceOf(Failure.BadRequest.class);
        }
    }

    @Test
    void an_invite_ends_when_its_creator_stops_being_an_admin() {
        String id = world.group(ALICE, BOB);
        world.setRole.set(ALICE, new SetRole.Command(id, "bob", "admin"));
        CreateInviteReply invite = create.create(BOB, new CreateInvite.Command(id, null, null));
        world.setRole.set(ALICE, new SetRole.Command(id, "bob", "member"));

        assertThat(failureOf(() -> join.join(CAROL, new JoinByInvite.Command(invite.token()))))
                .isEqualTo(new Failure.InviteUnusable(Why.CREATOR_NOT_ADMIN,
                        "This invite link ended when its creator stopped being an admin of the group."));
        assertThat(read(id).isMember("carol")).isFalse();
    }

    @Test
    void listing_pages_by_invite_id() {
        String id = world.group(ALICE, BOB);
        for (int i = 0; i < 3; i++) {
            create.create(ALICE, new CreateInvite.Command(id, null, 5));
        }

        ListInvitesReply first = list.list(ALICE, new ListInvites.Command(id, null, 2));
        ListInvitesReply rest = list.list(ALICE, new ListInvites.Command(id, first.invites().get(1).inviteId(), 2));

        assertThat(first.hasMore()).isTrue();
        assertThat(rest.hasMore()).isFalse();
        List<Long> ids = java.util.stream.Stream.concat(first.invites().stream(), rest.invites().stream()).map(InviteInfo::inviteId).toList();
        assertThat(ids).hasSize(3).isSorted();
        assertThat(first.invites().get(0).createdBy()).isEqualTo("alice");
    }
}
