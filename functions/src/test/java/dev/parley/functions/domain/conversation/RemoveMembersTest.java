package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.model.Limits;
import dev.parley.model.v1.ConversationReply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static dev.parley.functions.domain.conversation.ConversationWorld.ALICE;
import static dev.parley.functions.domain.conversation.ConversationWorld.BOB;
import static dev.parley.functions.domain.conversation.ConversationWorld.CAROL;
import static dev.parley.functions.domain.conversation.ConversationWorld.DAVE;
import static dev.parley.functions.domain.conversation.ConversationWorld.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RemoveMembersTest {
    private final ConversationWorld world = new ConversationWorld();

    private Set<String> members(String id) {
        return world.repository.find(id, Consistency.STRONG).orElseThrow().members();
    }

    @Test
    void an_admin_removes_a_member_who_from_then_on_cannot_see_the_conversation() {
        String id = world.group(ALICE, BOB, CAROL);

        ConversationReply reply = world.remove.remove(ALICE, new RemoveMembers.Command(id, List.of("bob")));

        assertThat(reply.conversation().memberCount()).isEqualTo(2);
        assertThat(members(id)).containsExactlyInAnyOrder("alice", "carol");
        assertThat(failureOf(() -> world.get.get(BOB, new GetConversation.Command(id)))).isEqualTo(new Failure.ConversationNotFound(id));
    }

    @Test
    void the_removed_users_devices_are_told_removed_and_those_who_stay_are_told_who_went() {
        String id = world.group(ALICE, BOB, CAROL);

        world.remove.remove(ALICE, new RemoveMembers.Command(id, List.of("bob")));

        List<ConversationWorld.Delivered> events = world.events();
        assertThat(events).extracting(ConversationWorld.Delivered::connectionId, ConversationWorld.Delivered::change)
                .containsExactlyInAnyOrder(tuple("conn-alice-laptop", "membersRemoved"), tuple("conn-carol", "membersRemoved"),
                        tuple("conn-bob", "removed"));
        assertThat(events).allSatisfy(event -> {
            assertThat(event.frame().get("conversationId").asText()).isEqualTo(id);
            assertThat(event.frame().get("by").asText()).isEqualTo("alice");
            assertThat(event.frame().get("members").get(0).asText()).isEqualTo("bob");
        });
    }

    @Test
    void a_member_who_is_not_an_admin_is_forbidden_and_nobody_is_removed() {
        String id = world.group(ALICE, BOB, CAROL);

        assertThat(failureOf(() -> world.remove.remove(BOB, new RemoveMembers.Command(id, List.of("carol")))))
                .isEqualTo(new Failure.NotAdmin(id));
        assertThat(members(id)).hasSize(3);
    }

    @Test
    void more_users_than_one_transaction_takes_with_the_read_count_shards_are_a_bad_request() {
        String id = world.group(ALICE, BOB);
        List<String> many = IntStream.rangeClosed(0, Limits.MAX_REMOVE_MEMBERS).mapToObj(i -> "user-" + i).toList();

        assertThat(failureOf(() -> world.remove.remove(ALICE, new RemoveMembers.Command(id, many))))
                .isEqualTo(new Failure.BadRequest("Field \"userIds\" names at most 91 users a request; remove more with further requests."));
        assertThat(members(id)).hasSize(2);
    }

    @Test
    void removing_yourself_is_a_bad_request_that_points_to_leaving() {
        String id = world.group(ALICE, BOB);

        assertThat(failureOf(() -> world.remove.remove(ALICE, new RemoveMembers.Command(id, List.of("alice")))))
                .isEqualTo(new Failure.BadRequest("You cannot remove yourself; use leaveConversation."));
    }

    @Test
    void nobody_can_be_removed_from_a_direct_conversation() {
        String id = world.create.create(ALICE, new CreateConversation.Command("direct", List.of("bob"), null, null))
                .conversation().conversationId();

        assertThat(failureOf(() -> world.remove.remove(ALICE, new RemoveMembers.Command(id, List.of("bob")))))
                .isInstanceOf(Failure.BadRequest.class);
        assertThat(members(id)).containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void removing_someone_who_is_not_a_member_changes_nothing_and_tells_nobody() {
        String id = world.group(ALICE, BOB);

        ConversationReply reply = world.remove.remove(ALICE, new RemoveMembers.Command(id, List.of("dave")));

        assertThat(reply.conversation().memberCount()).isEqualTo(2);
        assertThat(world.events()).isEmpty();
        assertThat(failureOf(() -> world.remove.remove(DAVE, new RemoveMembers.Command(id, List.of("bob")))))
                .isEqualTo(new Failure.ConversationNotFound(id));
    }
}
