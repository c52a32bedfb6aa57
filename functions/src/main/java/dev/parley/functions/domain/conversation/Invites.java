package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.conversation.ConversationRepository.Outcome;

import java.util.List;
import java.util.Optional;

/**
 * Port: a group's invite links, kept by group and invite id, so a join reads one item by its key and a listing pages
 * one group's invites in id order. A use is counted with the join itself ({@link ConversationRepository#apply(MembershipChange, InviteUse)}).
 */
public interface Invites {

    /** Stores a new invite; refused when one with its id exists. */
    Outcome create(Invite invite);

    /** The invite, read consistently; empty when unknown (or deleted some time after its expiry). */
    Optional<Invite> find(String conversationId, long inviteId);

    /** A page of the group's invites by id, after {@code afterInviteId} (null: from the first). */
    InvitePage list(String conversationId, Long afterInviteId, int limit);

    /** Marks the invite revoked; refused when it does not exist. Revoking twice changes nothing more. */
    Outcome revoke(String conversationId, long inviteId);

    record InvitePage(List<Invite> invites, boolean hasMore) {
        public InvitePage {
            invites = List.copyOf(invites);
        }
    }
}
