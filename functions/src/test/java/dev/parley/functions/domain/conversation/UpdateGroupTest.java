package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.model.v1.ConversationReply;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.parley.functions.domain.conversation.ConversationWorld.ALICE;
import static dev.parley.functions.domain.conversation.ConversationWorld.BOB;
import static dev.parley.functions.domain.conversation.ConversationWorld.CAROL;
import static dev.parley.functions.domain.conversation.ConversationWorld.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class UpdateGroupTest {
    private final ConversationWorld world = new ConversationWorld();

    private Conversation read(String id) {
        return world.repository.find(id, Consistency.STRONG).orElseThrow();
    }

    @Test
    void an_admin_makes_an_announcement_group_and_renames_it_and_the_members_are_told() {
        String id = world.group(ALICE, BOB, CAROL);

        ConversationReply reply = world.updateGroup.update(ALICE, new UpdateGroup.Command(id, "News", "admins"));

        assertThat(reply.conversation().title()).isEqualTo("News");
        assertThat(reply.conversation().postPolicy()).isEqualTo("admins");
        assertThat(read(id).mayPost("bob")).isFalse();
        assertThat(read(id).mayPost("alice")).isTrue();
        assertThat(world.events()).extracting(ConversationWorld.Delivered::connectionId, ConversationWorld.Delivered::change)
                .containsExactlyInAnyOrder(tuple("conn-alice-laptop", "settingsChanged"), tuple("conn-bob", "settingsChanged"),
                        tuple("conn-carol", "settingsChanged"));
    }

    @Test
    void a_member_may_not_and_asking_for_what_is_set_writes_nothing() {
        String id = world.group(ALICE, BOB);

        assertThat(failureOf(() -> world.updateGroup.update(BOB, new UpdateGroup.Command(id, null, "admins"))))
                .isEqualTo(new Failure.NotAdmin(id));
        int writes = world.repository.writes();
        world.updateGroup.update(ALICE, new UpdateGroup.Command(id, "Team", "everyone"));
        assertThat(world.repository.writes()).isEqualTo(writes);
        assertThat(read(id).postPolicy()).isEqualTo(PostPolicy.EVERYONE);
    }

    @Test
    void bad_input_is_refused_with_a_reason() {
        String id = world.group(ALICE, BOB);

        assertThat(failureOf(() -> world.updateGroup.update(ALICE, new UpdateGroup.Command(id, null, null))))
                .isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> world.updateGroup.update(ALICE, new UpdateGroup.Command(id, null, "owners"))))
                .isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> world.updateGroup.update(ALICE, new UpdateGroup.Command(id, " ", null))))
                .isInstanceOf(Failure.BadRequest.class);
        String direct = world.create.create(ALICE, new CreateConversation.Command("direct", List.of("carol"), null, null))
                .conversation().conversationId();
        assertThat(failureOf(() -> world.updateGroup.update(ALICE, new UpdateGroup.Command(direct, "Us", null))))
                .isInstanceOf(Failure.BadRequest.class);
    }
}
