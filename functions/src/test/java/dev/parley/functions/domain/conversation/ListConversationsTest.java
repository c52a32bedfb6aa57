package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Failure;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.ListConversationsReply;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.parley.functions.domain.conversation.ConversationWorld.ALICE;
import static dev.parley.functions.domain.conversation.ConversationWorld.BOB;
import static dev.parley.functions.domain.conversation.ConversationWorld.CAROL;
import static dev.parley.functions.domain.conversation.ConversationWorld.NOW;
import static dev.parley.functions.domain.conversation.ConversationWorld.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

class ListConversationsTest {
    private final ConversationWorld world = new ConversationWorld();

    /** Five groups of Bob's, each with its latest message {@code minutes} after creation. */
    private List<String> fiveGroupsActiveAt(int... minutes) {
        List<String> ids = new ArrayList<>();
        for (int minute : minutes) {
            String id = world.group(ALICE, BOB);
            if (minute > 0) {
                world.repository.messageStored(id, minute, NOW.plusSeconds(60L * minute));
            }
            ids.add(id);
        }
        return ids;
    }

    private ListConversationsReply page(Integer limit, String cursor) {
        return world.list.list(BOB, new ListConversations.Command(limit, cursor));
    }

    @Test
    void conversations_come_newest_activity_first_each_with_its_unread_count() {
        List<String> ids = fiveGroupsActiveAt(3, 0, 9, 1, 5);
        world.repository.read("bob", ids.get(2), 4);

        List<ConversationSummary> all = page(null, null).conversations();

        assertThat(all).extracting(ConversationSummary::conversationId)
                .containsExactly(ids.get(2), ids.get(4), ids.get(0), ids.get(3), ids.get(1));
        assertThat(all).extracting(ConversationSummary::unreadCount).containsExactly(5L, 5L, 3L, 1L, 0L);
    }

    @Test
    void pages_follow_each_other_through_the_cursor_and_the_last_has_none() {
        List<String> ids = fiveGroupsActiveAt(1, 2, 3, 4, 5);

        ListConversationsReply first = page(2, null);
        ListConversationsReply second = page(2, first.nextCursor());
        ListConversationsReply third = page(2, second.nextCursor());

        assertThat(List.of(first, second, third)).flatExtracting(ListConversationsReply::conversations)
                .extracting(ConversationSummary::conversationId)
                .containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        assertThat(first.nextCursor()).isNotNull();
        assertThat(third.nextCursor()).isNull();
        assertThat(page(5, null).nextCursor()).isNull();
    }

    @Test
    void a_conversation_that_gets_a_message_between_pages_moves_to_the_top_and_is_not_shown_twice() {
        List<String> ids = fiveGroupsActiveAt(1, 2, 3, 4, 5);
        ListConversationsReply first = page(2, null);

        world.repository.messageStored(ids.get(4), 6, NOW.plusSeconds(3600));
        ListConversationsReply rest = page(10, first.nextCursor());

        assertThat(rest.conversations()).extracting(ConversationSummary::conversationId)
                .containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(page(1, null).conversations().getFirst().conversationId()).isEqualTo(ids.get(4));
    }

    @Test
    void ties_in_activity_are_ordered_by_id_so_pages_never_skip_or_repeat() {
        List<String> ids = new ArrayList<>(fiveGroupsActiveAt(0, 0, 0, 0, 0));
        ids.sort(null);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            ListConversationsReply reply = page(2, cursor);
            reply.conversations().forEach(summary -> seen.add(summary.conversationId()));
            cursor = reply.nextCursor();
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(ids);
    }

    @Test
    void a_conversation_the_user_left_is_no_longer_listed() {
        String kept = world.group(ALICE, BOB);
        String left = world.group(ALICE, BOB, CAROL);
        world.leave.leave(BOB, new LeaveConversation.Command(left));

        assertThat(page(null, null).conversations()).extracting(ConversationSummary::conversationId).containsExactly(kept);
    }

    @Test
    void a_limit_outside_1_to_50_or_a_cursor_this_server_did_not_issue_is_a_bad_request() {
        assertThat(failureOf(() -> page(0, null))).isEqualTo(new Failure.BadRequest("Field \"limit\" must be 1 to 50."));
        assertThat(failureOf(() -> page(51, null))).isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> page(10, "not-a-cursor"))).isEqualTo(
                new Failure.BadRequest("Field \"cursor\" must be a nextCursor that listConversations returned."));
    }
}
