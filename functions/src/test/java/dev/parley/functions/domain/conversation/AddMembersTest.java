package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.model.v1.ConversationReply;
import org.junit.jupiter.api.Test;

import java.time.Instant;
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

class AddMembersTest {
    private final ConversationWorld world = new ConversationWorld();

    private Set<String> members(String id) {
        return world.repository.find(id, Consistency.STRONG).orElseThrow().members();
    }

    @Test
    void an_admin_adds_members_and_gets_the_conversation_as_it_is_now() {
        String id = world.group(ALICE, BOB);

        ConversationReply reply = world.add.add(ALICE, new AddMembers.Command(id, List.of("carol", "dave")));

        assertThat(reply.conversation().memberCount()).isEqualTo(4);
        assertThat(members(id)).containsExactlyInAnyOrder("alice", "bob", "carol", "dave");
    }

    @Test
    void every_member_hears_of_it_and_only_the_new_ones_get_the_conversation_itself() {
        String id = world.group(ALICE, BOB);

        world.add.add(ALICE, new AddMembers.Command(id, List.of("carol")));

        List<ConversationWorld.Delivered> events = world.events();
        assertThat(events).extracting(ConversationWorld.Delivered::connectionId, ConversationWorld.Delivered::change)
                .containsExactlyInAnyOrder(tuple("conn-alice-laptop", "membersAdded"), tuple("conn-bob", "membersAdded"),
                        tuple("conn-carol", "membersAdded"));
        assertThat(events).allSatisfy(event -> {
            assertThat(event.frame().get("by").asText()).isEqualTo("alice");
            assertThat(event.frame().get("members")).hasSize(1);
            assertThat(event.frame().has("conversation")).isEqualTo(event.connectionId().equals("conn-carol"));
        });
    }

    @Test
    void a_member_who_is_not_an_admin_is_forbidden_and_nothing_changes() {
        String id = world.group(ALICE, BOB);

        assertThat(failureOf(() -> world.add.add(BOB, new AddMembers.Command(id, List.of("carol")))))
                .isEqualTo(new Failure.NotAdmin(id));
        assertThat(members(id)).containsExactlyInAnyOrder("alice", "bob");
        assertThat(world.events()).isEmpty();
    }

    @Test
    void a_non_member_gets_not_found_as_if_the_conversation_did_not_exist() {
        String id = world.group(ALICE, BOB);

        assertThat(failureOf(() -> world.add.add(DAVE, new AddMembers.Command(id, List.of("dave")))))
                .isEqualTo(new Failure.ConversationNotFound(id));
    }

    @Test
    void nobody_can_be_added_to_a_direct_conversation() {
        String id = world.create.create(ALICE, new CreateConversation.Command("direct", List.of("bob"), null, null))
                .conversation().conversationId();

        assertThat(failureOf(() -> world.add.add(ALICE, new AddMembers.Command(id, List.of("carol")))))
                .isInstanceOf(Failure.BadRequest.class);
        assertThat(members(id)).containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void a_group_that_grows_past_64_members_becomes_large_and_keeps_every_member() {
        String id = world.group(ALICE, BOB);
        List<String> sixtyTwo = IntStream.rangeClosed(1, 62).mapToObj(i -> "user" + i).toList();
        world.add.add(ALICE, new AddMembers.Command(id, sixtyTwo));
        assertThat(members(id)).hasSize(64);

        ConversationReply reply = world.add.add(ALICE, new AddMembers.Command(id, List.of("carol")));

        assertThat(reply.conversation().tier()).isEqualTo("large");
        assertThat(reply.conversation().memberCount()).isEqualTo(65);
        Conversation large = world.repository.find(id, ConversationRepository.Consistency.STRONG).orElseThrow();
        assertThat(large.tier()).isEqualTo(Tier.LARGE);
        assertThat(large.members()).isEmpty();
        assertThat(world.repository.members(id, null, 100).userIds()).hasSize(65).contains("alice", "bob", "carol", "user1");
        assertThat(reply.conversation().membersEpoch()).as("two changes: the add and the switch").isEqualTo(2);
        assertThat(ListMembers.page(world.repository, large, null, 10).membersEpoch())
                .as("a large group's page says which membership it lists").isEqualTo(2);
    }

    @Test
    void a_large_group_grows_in_pages_up_to_10000_members_and_refuses_more() {
        String id = world.group(ALICE, BOB);
        int next = 0;
        while (next < 10_000 - 2) {
            int from = next;
            int count = Math.min(99, 10_000 - 2 - next);
            world.add.add(ALICE, new AddMembers.Command(id, IntStream.range(from, from + count).mapToObj(i -> "u" + i).toList()));
            next += count;
        }
        assertThat(world.repository.find(id, ConversationRepository.Consistency.STRONG).orElseThrow().memberCount()).isEqualTo(10_000);

        assertThat(failureOf(() -> world.add.add(ALICE, new AddMembers.Command(id, List.of("carol")))))
                .isInstanceOf(Failure.LimitExceeded.class);
        ConversationReply again = world.add.add(ALICE, new AddMembers.Command(id, List.of("u5", "bob")));
        assertThat(again.conversation().memberCount()).isEqualTo(10_000);
        assertThat(world.repository.membership("carol", id)).isEmpty();
    }

    @Test
    void one_request_adds_at_most_99_users() {
        String id = world.group(ALICE, BOB);

        assertThat(failureOf(() -> world.add.add(ALICE, new AddMembers.Command(id,
                IntStream.range(0, 100).mapToObj(i -> "u" + i).toList()))))
                .isInstanceOf(Failure.BadRequest.class);
    }

    @Test
    void adding_people_who_are_already_members_changes_nothing_and_tells_nobody() {
        String id = world.group(ALICE, BOB);
        int writes = world.repository.writes();

        ConversationReply reply = world.add.add(ALICE, new AddMembers.Command(id, List.of("bob", "alice")));

        assertThat(reply.conversation().memberCount()).isEqualTo(2);
        assertThat(world.repository.writes()).isEqualTo(writes);
        assertThat(world.events()).isEmpty();
    }

    @Test
    void when_another_admin_changes_the_group_meanwhile_the_add_is_decided_again_on_the_new_state() {
        String id = world.group(ALICE, BOB);
        world.repository.beforeNextWrite(() -> world.repository.apply(
                new MembershipChange.Add(id, "alice", Set.of("carol"), 64, Instant.EPOCH)));

        ConversationReply reply = world.add.add(ALICE, new AddMembers.Command(id, List.of("carol", "dave")));

        assertThat(members(id)).containsExactlyInAnyOrder("alice", "bob", "carol", "dave");
        assertThat(reply.conversation().memberCount()).isEqualTo(4);
    }

    @Test
    void an_empty_or_missing_list_of_users_is_a_bad_request() {
        String id = world.group(ALICE, BOB);

        assertThat(failureOf(() -> world.add.add(ALICE, new AddMembers.Command(id, List.of())))).isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> world.add.add(ALICE, new AddMembers.Command(id, null))))
                .isEqualTo(new Failure.BadRequest("Field \"userIds\" is required."));
        assertThat(failureOf(() -> world.add.add(CAROL, new AddMembers.Command(null, List.of("carol")))))
                .isInstanceOf(Failure.BadRequest.class);
    }
}
