package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.CreateConversationReply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static dev.parley.functions.domain.conversation.ConversationWorld.ALICE;
import static dev.parley.functions.domain.conversation.ConversationWorld.BOB;
import static dev.parley.functions.domain.conversation.ConversationWorld.CAROL;
import static dev.parley.functions.domain.conversation.ConversationWorld.NOW;
import static dev.parley.functions.domain.conversation.ConversationWorld.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CreateConversationTest {
    private final ConversationWorld world = new ConversationWorld();

    private static CreateConversation.Command direct(String other) {
        return new CreateConversation.Command("direct", List.of(other), null, null);
    }

    @Test
    void a_direct_conversation_is_the_same_one_whoever_creates_it_and_however_often() {
        CreateConversationReply first = world.create.create(ALICE, direct("bob"));
        CreateConversationReply again = world.create.create(ALICE, direct("bob"));
        CreateConversationReply fromBob = world.create.create(BOB, new CreateConversation.Command("direct", List.of("alice", "bob"), null, null));

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(fromBob.created()).isFalse();
        assertThat(List.of(again, fromBob)).extracting(reply -> reply.conversation().conversationId())
                .containsOnly(first.conversation().conversationId());
        assertThat(first.conversation().conversationId()).isEqualTo(ConversationId.direct("bob", "alice")).startsWith("d_");
    }

    @Test
    void a_new_direct_conversation_is_announced_once_to_the_other_user_and_the_creators_other_devices() {
        world.create.create(ALICE, direct("bob"));
        world.create.create(ALICE, direct("bob"));

        assertThat(world.events()).extracting(ConversationWorld.Delivered::connectionId, ConversationWorld.Delivered::change)
                .containsExactlyInAnyOrder(tuple("conn-alice-laptop", "created"), tuple("conn-bob", "created"));
    }

    @Test
    void creating_an_existing_direct_conversation_returns_it_as_it_is_even_when_asked_for_e2ee() {
        world.create.create(ALICE, direct("bob"));

        CreateConversationReply again = world.create.create(BOB, new CreateConversation.Command("direct", List.of("alice"), null, true));

        assertThat(again.created()).isFalse();
        assertThat(again.conversation().e2ee()).isFalse();
    }

    @Test
    void the_reply_summarises_the_new_conversation_for_its_creator() {
        ConversationSummary summary = world.create.create(ALICE,
                new CreateConversation.Command("group", List.of("bob", "carol"), "Weekend", true)).conversation();

        assertThat(summary).isEqualTo(new ConversationSummary(summary.conversationId(), "group", "Weekend", true, 3, 0,
                NOW.toEpochMilli(), 0, "owner", "small", "everyone"));
        assertThat(summary.conversationId()).matches("g_[0-9a-f]{32}");
    }

    @Test
    void in_a_group_the_creator_is_the_owner_and_only_admin_and_everyone_gets_the_summary_with_their_own_role() {
        String id = world.create.create(ALICE, new CreateConversation.Command("group", List.of("bob", "carol", "bob"), null, null))
                .conversation().conversationId();

        Conversation group = world.repository.find(id, Consistency.STRONG).orElseThrow();
        assertThat(group.members()).containsExactlyInAnyOrder("alice", "bob", "carol");
        assertThat(group.admins()).containsExactly("alice");
        assertThat(world.events())
                .extracting(event -> event.connectionId(), event -> event.frame().at("/conversation/role").asText())
                .containsExactlyInAnyOrder(tuple("conn-alice-laptop", "owner"), tuple("conn-bob", "member"), tuple("conn-carol", "member"));
    }

    @Test
    void a_group_may_have_64_members_and_not_65() {
        List<String> others63 = IntStream.rangeClosed(1, 63).mapToObj(i -> "user" + i).toList();
        List<String> others64 = IntStream.rangeClosed(1, 64).mapToObj(i -> "user" + i).toList();

        assertThat(world.create.create(ALICE, new CreateConversation.Command("group", others63, null, null)).conversation().memberCount())
                .isEqualTo(64);
        assertThat(failureOf(() -> world.create.create(ALICE, new CreateConversation.Command("group", others64, null, null))))
                .isInstanceOf(Failure.LimitExceeded.class);
    }

    @Test
    void a_direct_conversation_needs_exactly_one_other_user_and_no_title() {
        assertThat(failureOf(() -> world.create.create(ALICE, direct("alice")))).isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> world.create.create(ALICE, new CreateConversation.Command("direct", List.of("bob", "carol"), null, null))))
                .isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> world.create.create(ALICE, new CreateConversation.Command("direct", List.of("bob"), "Us", null))))
                .isInstanceOf(Failure.BadRequest.class);
    }

    @Test
    void malformed_requests_are_bad_requests_that_name_the_field() {
        assertThat(failureOf(() -> world.create.create(ALICE, new CreateConversation.Command(null, List.of("bob"), null, null))))
                .isEqualTo(new Failure.BadRequest("Field \"kind\" is required."));
        assertThat(failureOf(() -> world.create.create(ALICE, new CreateConversation.Command("channel", List.of("bob"), null, null))))
                .isEqualTo(new Failure.BadRequest("Field \"kind\" must be \"direct\" or \"group\"."));
        assertThat(failureOf(() -> world.create.create(ALICE, new CreateConversation.Command("group", null, null, null))))
                .isEqualTo(new Failure.BadRequest("Field \"members\" is required."));
        assertThat(failureOf(() -> world.create.create(CAROL, new CreateConversation.Command("group", List.of("bob", "not an id"), null, null))))
                .isEqualTo(new Failure.BadRequest("Field \"members[1]\" must be a user id as findUsers returns it."));
        assertThat(failureOf(() -> world.create.create(ALICE, new CreateConversation.Command("group", List.of(), "x".repeat(129), null))))
                .isInstanceOf(Failure.BadRequest.class);
        assertThat(world.events()).isEmpty();
    }
}
