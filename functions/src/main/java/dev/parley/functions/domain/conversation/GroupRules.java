package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;

/** Who may change a conversation's membership: nobody for a direct one, admins for others in a group. */
final class GroupRules {
    private GroupRules() {
    }

    /** A direct conversation is always the same two users: BAD_REQUEST for any membership change. */
    static void requireGroup(Conversation conversation) {
        if (conversation.kind() != Kind.GROUP) {
            throw RequestFields.badRequest("Conversation \"" + conversation.conversationId()
                    + "\" is direct: it is always between the same two users. Create a group to change who is in it.");
        }
    }

    /** A group, and {@code userId} one of its admins (FORBIDDEN for other members). */
    static void requireAdmin(Conversation conversation, String userId) {
        requireGroup(conversation);
        if (!conversation.isAdmin(userId)) {
            throw new FailureException(new Failure.NotAdmin(conversation.conversationId()));
        }
    }
}
