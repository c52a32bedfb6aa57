package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.functions.domain.conversation.ConversationRepository.Outcome;
import dev.parley.functions.domain.user.UserIds;
import dev.parley.model.Limits;
import dev.parley.model.v1.ConversationReply;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: an admin removes people from a group (themselves excepted: that is leaving). Users
 * who are not members are ignored, so a retried request changes nothing more. Removal takes
 * effect at once: fan-out reads the members from the header (small) or the rows (large), so the
 * next message skips them. The members who stay in a small group get {@code membersRemoved}; the
 * removed users' devices get {@code removed}.
 */
public final class RemoveMembers {
    private final ConversationRepository repository;
    private final ConversationEvents events;

    public RemoveMembers(ConversationRepository repository, ConversationEvents events) {
        this.repository = repository;
        this.events = events;
    }

    public ConversationReply remove(Actor actor, Command command) {
        String conversationId = ConversationId.require(command.conversationId());
        Set<String> userIds = UserIds.require(command.userIds(), "userIds");
        if (userIds.isEmpty()) {
            throw RequestFields.badRequest("Field \"userIds\" must name at least one user.");
        }
        if (userIds.size() > Limits.MAX_REMOVE_MEMBERS) {
            throw RequestFields.badRequest("Field \"userIds\" names at most " + Limits.MAX_REMOVE_MEMBERS
                    + " users a request; remove more with further requests.");
        }
        if (userIds.contains(actor.userId())) {
            throw RequestFields.badRequest("You cannot remove yourself; use leaveConversation.");
        }
        return MemberAccess.untilApplied(() -> {
            Conversation conversation = MemberAccess.requireMember(repository, actor.userId(), conversationId, Consistency.STRONG);
            GroupRules.requireAdmin(conversation, actor.userId());
            if (conversation.owner() != null && userIds.contains(conversation.owner())) {
                throw new FailureException(new Failure.Forbidden("Nobody removes the owner of group \"" + conversationId
                        + "\": they may leave, or hand it over (setRole \"owner\") first."));
            }
            Set<String> leaving = new LinkedHashSet<>(userIds);
            leaving.retainAll(conversation.large() ? repository.membersAmong(conversationId, userIds) : conversation.members());
            if (leaving.isEmpty()) {
                return Optional.of(new ConversationReply(MemberAccess.summaryFor(repository, conversation, actor.userId())));
            }
            if (repository.apply(new MembershipChange.Remove(conversationId, actor.userId(), leaving, conversation.tier()))
                    != Outcome.APPLIED) {
                return Optional.empty();
            }
            Conversation after = conversation.without(leaving, Set.of());
            events.membersRemoved(after, leaving, actor);
            return Optional.of(new ConversationReply(MemberAccess.summaryFor(repository, after, actor.userId())));
        });
    }

    /** What the caller asks for: the {@code removeMembers} action's fields, as the handler read them. */
    public record Command(String conversationId, List<String> userIds) {
    }
}
