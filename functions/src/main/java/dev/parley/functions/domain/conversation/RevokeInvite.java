package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.conversation.ConversationRepository.Outcome;
import dev.parley.model.v1.RevokeInviteReply;

/**
 * Use case: an admin of a group ends one of its invite links (any admin's, not only their own). Joins by it are
 * refused from then on: a join counts its use only while the invite is unrevoked. Revoking again changes nothing.
 */
public final class RevokeInvite {
    private final ConversationRepository repository;
    private final Invites invites;

    public RevokeInvite(ConversationRepository repository, Invites invites) {
        this.repository = repository;
        this.invites = invites;
    }

    public RevokeInviteReply revoke(Actor actor, Command command) {
        String conversationId = ConversationId.require(command.conversationId());
        long inviteId = RequestFields.required(command.inviteId(), "inviteId");
        InviteAdmin.require(repository, actor, conversationId);
        if (invites.revoke(conversationId, inviteId) != Outcome.APPLIED) {
            throw RequestFields.badRequest("Group \"" + conversationId + "\" has no invite " + inviteId + ".");
        }
        return new RevokeInviteReply(conversationId, inviteId, true);
    }

    /** What the caller asks for: the {@code revokeInvite} action's fields, as the handler read them. */
    public record Command(String conversationId, Long inviteId) {
    }
}
