package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.model.v1.LeaveConversationReply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.parley.functions.domain.conversation.ConversationWorld.ALICE;
import static dev.parley.functions.domain.conversation.ConversationWorld.BOB;
import static dev.parley.functions.domain.conversation.ConversationWorld.CAROL;
import static dev.parley.functions.domain.conversation.ConversationWorld.DAVE;
import static dev.parley.functions.domain.conversation.ConversationWorld.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LeaveConversationTest {
    private final ConversationWorld world = new ConversationWorld();

    private Conversation stored(String id) {
        return world.repository.find(id, Consistency.STRONG).orElseThrow();
    }

    @Test
    void a_member_who_leaves_can_no_longer_see_it_and_the_others_and_their_own_other_devices_are_told() {
        String id = world.group(BOB, ALICE, CAROL);

        LeaveConversationReply reply = world.leave.leave(ALICE, new LeaveConversation.Command(id));

        assertThat(reply.conversationId()).isEqualTo(id);
        assertThat(stored(id).members()).containsExactlyInAnyOrder("bob", "carol");
        assertThat(failureOf(() -> world.get.get(ALICE, new GetConversation.Command(id)))).isEqualTo(new Failure.ConversationNotFound(id));
        assertThat(world.events()).extracting(ConversationWorld.Delivered::connectionId, ConversationWorld.Delivered::change)
                .containsExactlyInAnyOrder(tuple("conn-bob", "left"), tuple("conn-carol", "left"), tuple("conn-alice-laptop", "left"));
    }

    @Test
    void when_the_last_admin_leaves_the_remaining_member_with_the_lowest_user_id_becomes_admin() {
        String id = world.group(DAVE, CAROL, BOB);

        world.leave.leave(DAVE, new LeaveConversation.Command(id));

        assertThat(stored(id).admins()).containsExactly("bob");
        assertThat(world.repository.membership("bob", id).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    /** Alice and Bob are admins, Carol a member; created straight in the store, as no action makes a second admin yet. */
    private String twoAdminGroup() {
        Conversation group = Conversation.created(ConversationId.newGroup(), Kind.GROUP, null, false,
                Set.of("alice", "bob", "carol"), Set.of("alice", "bob"), ConversationWorld.NOW, "alice");
        world.repository.create(group);
        return group.conversationId();
    }

    @Test
    void an_admin_leaving_beside_another_admin_promotes_nobody() {
        String id = twoAdminGroup();

        world.leave.leave(ALICE, new LeaveConversation.Command(id));

        assertThat(stored(id).admins()).containsExactly("bob");
        assertThat(world.repository.membership("carol", id).orElseThrow().role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void two_admins_leaving_at_once_still_leave_the_group_an_admin() {
        String id = twoAdminGroup();
        world.repository.beforeNextWrite(() -> world.repository.apply(
                new MembershipChange.Leave(id, "bob", MembershipChange.Standing.ONE_OF_SEVERAL_ADMINS, null)));

        world.leave.leave(ALICE, new LeaveConversation.Command(id));

        assertThat(stored(id).members()).containsExactly("carol");
        assertThat(stored(id).admins()).containsExactly("carol");
    }

    @Test
    void the_last_member_leaving_leaves_a_conversation_nobody_can_reach() {
        String id = world.group(ALICE);

        world.leave.leave(ALICE, new LeaveConversation.Command(id));

        assertThat(stored(id).members()).isEmpty();
        assertThat(failureOf(() -> world.get.get(ALICE, new GetConversation.Command(id)))).isEqualTo(new Failure.ConversationNotFound(id));
    }

    @Test
    void nobody_leaves_a_direct_conversation_and_a_non_member_gets_not_found() {
        String direct = world.create.create(ALICE, new CreateConversation.Command("direct", List.of("bob"), null, null))
                .conversation().conversationId();
        String group = world.group(ALICE, BOB);

        assertThat(failureOf(() -> world.leave.leave(ALICE, new LeaveConversation.Command(direct)))).isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> world.leave.leave(DAVE, new LeaveConversation.Command(group))))
                .isEqualTo(new Failure.ConversationNotFound(group));
    }
}
