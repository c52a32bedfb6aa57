package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.model.Limits;
import dev.parley.model.v1.ConversationReply;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.parley.functions.domain.conversation.ConversationWorld.ALICE;
import static dev.parley.functions.domain.conversation.ConversationWorld.BOB;
import static dev.parley.functions.domain.conversation.ConversationWorld.CAROL;
import static dev.parley.functions.domain.conversation.ConversationWorld.DAVE;
import static dev.parley.functions.domain.conversation.ConversationWorld.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SetRoleTest {
    private final ConversationWorld world = new ConversationWorld();

    private Conversation read(String id) {
        return world.repository.find(id, Consistency.STRONG).orElseThrow();
    }

    @Test
    void the_owner_makes_a_member_admin_who_then_may_add_and_the_members_are_told() {
        String id = world.group(ALICE, BOB, CAROL);

        world.setRole.set(ALICE, new SetRole.Command(id, "bob", "admin"));

        assertThat(read(id).roleOf("bob")).isEqualTo(Role.ADMIN);
        assertThat(world.events()).extracting(ConversationWorld.Delivered::connectionId, ConversationWorld.Delivered::change)
                .containsExactlyInAnyOrder(tuple("conn-alice-laptop", "roleChanged"), tuple("conn-bob", "roleChanged"),
                        tuple("conn-carol", "roleChanged"));
        world.add.add(BOB, new AddMembers.Command(id, List.of("dave")));
        assertThat(read(id).isMember("dave")).isTrue();
    }

    @Test
    void an_admin_who_is_not_the_owner_may_not_change_roles_and_a_member_neither() {
        String id = world.group(ALICE, BOB, CAROL);
        world.setRole.set(ALICE, new SetRole.Command(id, "bob", "admin"));

        assertThat(failureOf(() -> world.setRole.set(BOB, new SetRole.Command(id, "carol", "admin"))))
                .isInstanceOf(Failure.Forbidden.class);
        assertThat(failureOf(() -> world.setRole.set(CAROL, new SetRole.Command(id, "carol", "admin"))))
                .isInstanceOf(Failure.Forbidden.class);
        assertThat(read(id).admins()).containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void demoting_an_admin_and_asking_again_changes_nothing_more() {
        String id = world.group(ALICE, BOB);
        world.setRole.set(ALICE, new SetRole.Command(id, "bob", "admin"));

        world.setRole.set(ALICE, new SetRole.Command(id, "bob", "member"));
        int writes = world.repository.writes();
        ConversationReply again = world.setRole.set(ALICE, new SetRole.Command(id, "bob", "member"));

        assertThat(world.repository.writes()).isEqualTo(writes);
        assertThat(again.conversation().role()).isEqualTo("owner");
        assertThat(read(id).admins()).containsExactly("alice");
    }

    @Test
    void the_owner_hands_the_group_over_and_stays_admin() {
        String id = world.group(ALICE, BOB);

        ConversationReply reply = world.setRole.set(ALICE, new SetRole.Command(id, "bob", "owner"));

        assertThat(reply.conversation().role()).isEqualTo("admin");
        assertThat(read(id).owner()).isEqualTo("bob");
        assertThat(failureOf(() -> world.setRole.set(ALICE, new SetRole.Command(id, "bob", "member"))))
                .isInstanceOf(Failure.Forbidden.class);
    }

    @Test
    void bad_input_is_refused_with_a_reason() {
        String id = world.group(ALICE, BOB);

        assertThat(failureOf(() -> world.setRole.set(ALICE, new SetRole.Command(id, "bob", "king"))))
                .isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> world.setRole.set(ALICE, new SetRole.Command(id, "dave", "admin"))))
                .isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> world.setRole.set(ALICE, new SetRole.Command(id, "alice", "member"))))
                .isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> world.setRole.set(DAVE, new SetRole.Command(id, "bob", "admin"))))
                .isEqualTo(new Failure.ConversationNotFound(id));
        String direct = world.create.create(ALICE, new CreateConversation.Command("direct", List.of("carol"), null, null))
                .conversation().conversationId();
        assertThat(failureOf(() -> world.setRole.set(ALICE, new SetRole.Command(direct, "carol", "admin"))))
                .isInstanceOf(Failure.BadRequest.class);
    }

    @Test
    void a_group_has_at_most_the_documented_number_of_admins_on_the_large_tier_too() {
        List<String> others = new ArrayList<>();
        for (int i = 0; i < Limits.MAX_ADMINS - 1; i++) {
            others.add("user-" + i);
        }
        String id = world.create.create(ALICE, new CreateConversation.Command("group", others, "Big", null))
                .conversation().conversationId();
        world.add.add(ALICE, new AddMembers.Command(id, List.of("extra")));
        others.forEach(userId -> world.setRole.set(ALICE, new SetRole.Command(id, userId, "admin")));

        assertThat(read(id).large()).isTrue();
        assertThat(failureOf(() -> world.setRole.set(ALICE, new SetRole.Command(id, "extra", "admin"))))
                .isInstanceOf(Failure.LimitExceeded.class);
        assertThat(read(id).admins()).hasSize(Limits.MAX_ADMINS);
    }

    @Test
    void nobody_removes_the_owner_and_an_owner_who_leaves_leaves_the_admins_in_charge() {
        String id = world.group(ALICE, BOB, CAROL);
        world.setRole.set(ALICE, new SetRole.Command(id, "bob", "admin"));

        assertThat(failureOf(() -> world.remove.remove(BOB, new RemoveMembers.Command(id, List.of("alice")))))
                .isInstanceOf(Failure.Forbidden.class);
        world.leave.leave(ALICE, new LeaveConversation.Command(id));

        assertThat(read(id).owner()).isNull();
        world.setRole.set(BOB, new SetRole.Command(id, "carol", "admin"));
        assertThat(read(id).admins()).containsExactlyInAnyOrder("bob", "carol");
    }
}
