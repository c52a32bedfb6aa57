package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.model.Limits;

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

    /**
     * An end-to-end encrypted group of {@code total} members stays within {@link Limits#MAX_E2EE_GROUP_MEMBERS}
     * (LIMIT_EXCEEDED beyond), since each re-key sends a pairwise envelope to every member device. Checked
     * before the tier's own member limit.
     */
    static void requireE2eeGroupSize(boolean e2ee, int total) {
        if (e2ee && total > Limits.MAX_E2EE_GROUP_MEMBERS) {
            throw new FailureException(new Failure.LimitExceeded("An end-to-end encrypted group has at most "
                    + Limits.MAX_E2EE_GROUP_MEMBERS + " members (a re-key reaches every member device); this one would have "
                    + total + "."));
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
