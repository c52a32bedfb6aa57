package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.RequestFields;
import dev.parley.model.v1.InviteInfo;
import dev.parley.model.v1.ListInvitesReply;

/**
 * Use case: an admin of a group pages through its invite links by id, {@value #DEFAULT_LIMIT} a page unless asked
 * for 1 to {@value #MAX_LIMIT}; revoked and expired ones are listed until the store deletes them after expiry.
 */
public final class ListInvites {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private final ConversationRepository repository;
    private final Invites invites;

    public ListInvites(ConversationRepository repository, Invites invites) {
        this.repository = repository;
        this.invites = invites;
    }

    public ListInvitesReply list(Actor actor, Command command) {
        String conversationId = ConversationId.require(command.conversationId());
        int limit = command.limit() == null ? DEFAULT_LIMIT : command.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw RequestFields.badRequest("Field \"limit\" must be from 1 to " + MAX_LIMIT + ".");
        }
        InviteAdmin.require(repository, actor, conversationId);
        Invites.InvitePage page = invites.list(conversationId, command.afterInviteId(), limit);
        return new ListInvitesReply(conversationId, page.invites().stream()
                .map(invite -> new InviteInfo(invite.inviteId(), invite.createdBy(), invite.createdAt().toEpochMilli(),
                        invite.expiresAt().toEpochMilli(), invite.maxUses(), invite.uses(), invite.revoked()))
                .toList(), page.hasMore());
    }

    /** What the caller asks for: the {@code listInvites} action's fields, as the handler read them. */
    public record Command(String conversationId, Long afterInviteId, Integer limit) {
    }
}
