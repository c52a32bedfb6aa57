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

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: an admin adds people to a group, up to {@value Limits#MAX_MEMBERS} members. Users
 * who are already members are left as they are, so a retried request changes nothing more. Every
 * member, the new ones included, gets a {@code membersAdded} event.
 */
public final class AddMembers {
    private final ConversationRepository repository;
    private final ConversationEvents events;
    private final Clock clock;

    public AddMembers(ConversationRepository repository, ConversationEvents events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    public ConversationReply add(Actor actor, Command command) {
        String conversationId = ConversationId.require(command.conversationId());
        Set<String> userIds = UserIds.require(command.userIds(), "userIds");
        if (userIds.isEmpty()) {
            throw RequestFields.badRequest("Field \"userIds\" must name at least one user.");
        }
        return MemberAccess.untilApplied(() -> {
            Conversation conversation = MemberAccess.requireMember(repository, actor.userId(), conversationId, Consistency.STRONG);
            GroupRules.requireAdmin(conversation, actor.userId());
            Set<String> newcomers = new LinkedHashSet<>(userIds);
            newcomers.removeAll(conversation.members());
            if (newcomers.isEmpty()) {
                return Optional.of(new ConversationReply(MemberAccess.summaryFor(repository, conversation, actor.userId())));
            }
            int total = conversation.members().size() + newcomers.size();
            GroupRules.requireE2eeGroupSize(conversation.e2ee(), total);
            if (total > Limits.MAX_MEMBERS) {
                throw new FailureException(new Failure.LimitExceeded("A group has at most " + Limits.MAX_MEMBERS
                        + " members; this one has " + conversation.members().size() + " and would have " + total + "."));
            }
            MembershipChange change = new MembershipChange.Add(conversationId, actor.userId(), newcomers, Limits.MAX_MEMBERS, clock.instant());
            if (repository.apply(change) != Outcome.APPLIED) {
                return Optional.empty();
            }
            Conversation after = conversation.withMembers(newcomers);
            events.membersAdded(after, newcomers, actor);
            return Optional.of(new ConversationReply(MemberAccess.summaryFor(repository, after, actor.userId())));
        });
    }

    /** What the caller asks for: the {@code addMembers} action's fields, as the handler read them. */
    public record Command(String conversationId, List<String> userIds) {
    }
}
