package dev.parley.it;

import dev.parley.model.ErrorCode;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ViewConversationReply;
import dev.parley.model.v1.ViewConversationRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * viewConversation over real sockets (docs/protocol/live.md#viewconversation): a member's view with
 * its TTL, a stop, and the documented errors, after each of which the connection stays open.
 */
class ViewConversationTest extends WithThreeUsers {

    @Test
    void a_member_views_a_conversation_for_the_default_or_a_chosen_ttl_and_stops() {
        try (Device phone = Device.connect(alice)) {
            String id = phone.createGroup("viewing", false, bob.userId()).conversationId();

            assertThat(phone.call(Actions.VIEW_CONVERSATION, new ViewConversationRequest(id, null), ViewConversationReply.class))
                    .isEqualTo(new ViewConversationReply(id, Limits.VIEW_DEFAULT_TTL_SECONDS * 1000L));
            assertThat(phone.call(Actions.VIEW_CONVERSATION, new ViewConversationRequest(id, 300), ViewConversationReply.class))
                    .isEqualTo(new ViewConversationReply(id, 300_000));
            assertThat(phone.call(Actions.VIEW_CONVERSATION, new ViewConversationRequest(null, null), ViewConversationReply.class))
                    .isEqualTo(new ViewConversationReply(null, 0));
        }
    }

    @Test
    void a_non_member_an_unknown_id_and_bad_fields_are_refused_and_the_connection_stays_open() {
        try (Device a = Device.connect(alice); Device outsider = Device.connect(carol)) {
            String id = a.createGroup("not for carol", false, bob.userId()).conversationId();

            outsider.refused(Actions.VIEW_CONVERSATION, new ViewConversationRequest(id, null), ErrorCode.NOT_FOUND);
            outsider.assertAlive();
            a.refused(Actions.VIEW_CONVERSATION, new ViewConversationRequest("g_" + "0".repeat(32), null), ErrorCode.NOT_FOUND);
            a.refused(Actions.VIEW_CONVERSATION, new ViewConversationRequest(id, 301), ErrorCode.BAD_REQUEST);
            a.refused(Actions.VIEW_CONVERSATION, new ViewConversationRequest(id, 0), ErrorCode.BAD_REQUEST);
            a.refused(Actions.VIEW_CONVERSATION, new ViewConversationRequest("general", null), ErrorCode.BAD_REQUEST);
            a.assertAlive();
        }
    }
}
