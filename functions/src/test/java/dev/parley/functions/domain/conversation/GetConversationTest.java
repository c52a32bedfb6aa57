package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Failure;
import dev.parley.model.v1.GetConversationReply;
import dev.parley.model.v1.MemberInfo;
import org.junit.jupiter.api.Test;

import static dev.parley.functions.domain.conversation.ConversationWorld.ALICE;
import static dev.parley.functions.domain.conversation.ConversationWorld.BOB;
import static dev.parley.functions.domain.conversation.ConversationWorld.CAROL;
import static dev.parley.functions.domain.conversation.ConversationWorld.DAVE;
import static dev.parley.functions.domain.conversation.ConversationWorld.NOW;
import static dev.parley.functions.domain.conversation.ConversationWorld.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

class GetConversationTest {
    private final ConversationWorld world = new ConversationWorld();

    @Test
    void a_member_sees_the_conversation_with_every_member_and_role_and_their_own_unread_count() {
        String id = world.group(ALICE, BOB, CAROL);
        world.repository.messageStored(id, 1, NOW.plusSeconds(1));
        world.repository.messageStored(id, 2, NOW.plusSeconds(2));
        world.repository.messageStored(id, 3, NOW.plusSeconds(3));
        world.repository.read("bob", id, 1);

        GetConversationReply reply = world.get.get(BOB, new GetConversation.Command(id));

        assertThat(reply.conversation().lastSeq()).isEqualTo(3);
        assertThat(reply.conversation().lastActivityAt()).isEqualTo(NOW.plusSeconds(3).toEpochMilli());
        assertThat(reply.conversation().unreadCount()).isEqualTo(2);
        assertThat(reply.conversation().role()).isEqualTo("member");
        assertThat(reply.members()).containsExactly(
                new MemberInfo("alice", "owner"), new MemberInfo("bob", "member"), new MemberInfo("carol", "member"));
    }

    @Test
    void a_non_member_learns_nothing_the_answer_is_the_same_as_for_an_id_that_does_not_exist() {
        String id = world.group(ALICE, BOB);
        String unknown = ConversationId.newGroup();

        Failure notMine = failureOf(() -> world.get.get(DAVE, new GetConversation.Command(id)));
        Failure nobodys = failureOf(() -> world.get.get(DAVE, new GetConversation.Command(unknown)));

        assertThat(notMine).isEqualTo(new Failure.ConversationNotFound(id));
        assertThat(nobodys).isEqualTo(new Failure.ConversationNotFound(unknown));
    }

    @Test
    void a_malformed_conversation_id_is_a_bad_request() {
        assertThat(failureOf(() -> world.get.get(ALICE, new GetConversation.Command("x_1"))))
                .isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> world.get.get(ALICE, new GetConversation.Command(null))))
                .isEqualTo(new Failure.BadRequest("Field \"conversationId\" is required."));
    }
}
