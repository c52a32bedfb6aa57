package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;

/** Who may manage a group's invite links: its admins (NOT_FOUND for non-members, as everywhere). */
final class InviteAdmin {
    private InviteAdmin() {
    }

    static Conversation require(ConversationRepository repository, Actor actor, String conversationId) {
        Conversation conversation = MemberAccess.requireMember(repository, actor.userId(), conversationId, Consistency.STRONG);
        GroupRules.requireGroup(conversation);
        if (!conversation.isAdmin(actor.userId())) {
            throw new FailureException(new Failure.Forbidden("Only an admin of group \"" + conversationId
                    + "\" can manage its invite links."));
        }
        return conversation;
    }
}
