package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.functions.domain.conversation.ConversationRepository.Outcome;
import dev.parley.functions.domain.conversation.MembershipChange.Standing;
import dev.parley.model.v1.LeaveConversationReply;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Use case: the caller leaves a group. A group never runs out of admins while it has members:
 * when its last admin leaves, the remaining member with the lowest user id becomes admin. The
 * last member leaving leaves the conversation with no members, and nobody can reach it again.
 * The members who stay, and the leaver's other devices, get a {@code left} event.
 */
public final class LeaveConversation {
    private final ConversationRepository repository;
    private final ConversationEvents events;

    public LeaveConversation(ConversationRepository repository, ConversationEvents events) {
        this.repository = repository;
        this.events = events;
    }

    public LeaveConversationReply leave(Actor actor, Command command) {
        String conversationId = ConversationId.require(command.conversationId());
        return MemberAccess.untilApplied(() -> {
            Conversation conversation = MemberAccess.requireMember(repository, actor.userId(), conversationId, Consistency.STRONG);
            GroupRules.requireGroup(conversation);
            MembershipChange.Leave leave = leaving(repository, conversation, actor.userId());
            if (repository.apply(leave) != Outcome.APPLIED) {
                return Optional.empty();
            }
            Set<String> promoted = leave.heir() == null ? Set.of() : Set.of(leave.heir());
            events.left(conversation.without(Set.of(actor.userId()), promoted), actor);
            return Optional.of(new LeaveConversationReply(conversationId));
        });
    }

    /**
     * The leave a member's departure is, by where they stand; no group is left without an admin.
     * A large group's heir is the first other member of its rows' index.
     */
    static MembershipChange.Leave leaving(ConversationRepository repository, Conversation conversation, String userId) {
        String id = conversation.conversationId();
        Tier tier = conversation.tier();
        boolean owner = conversation.isOwner(userId);
        if (conversation.memberCount() <= 1) {
            return new MembershipChange.Leave(id, userId, Standing.LAST_MEMBER, null, tier, owner);
        }
        if (!conversation.isAdmin(userId)) {
            return new MembershipChange.Leave(id, userId, Standing.MEMBER, null, tier);
        }
        if (conversation.admins().size() > 1) {
            return new MembershipChange.Leave(id, userId, Standing.ONE_OF_SEVERAL_ADMINS, null, tier, owner);
        }
        TreeSet<String> others = new TreeSet<>(conversation.large()
                ? repository.members(id, null, 2).userIds()
                : conversation.members());
        others.remove(userId);
        if (others.isEmpty()) {
            throw new FailureException(new Failure.Unavailable("conversation members (index not caught up)"));
        }
        return new MembershipChange.Leave(id, userId, Standing.LAST_ADMIN, others.first(), tier, owner);
    }

    /** What the caller asks for: the {@code leaveConversation} action's fields, as the handler read them. */
    public record Command(String conversationId) {
    }
}
