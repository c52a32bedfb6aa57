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
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Use case: an admin adds people to a group, at most {@value Limits#MAX_ADD_MEMBERS} a request,
 * up to {@value Limits#MAX_LARGE_MEMBERS} members. Users who are already members are left as
 * they are, so a retried request changes nothing more.
 *
 * <p>A small group that would pass {@value Limits#MAX_MEMBERS} becomes large in the same
 * transaction that adds the newcomers ({@link MembershipChange.Grow}): a send reads either the
 * small header with its member set or the large one, never a group half switched. In a small
 * group every member gets a {@code membersAdded} event (so do the members of a group that just
 * became large: their clients learn its tier); in a large one only the newcomers do.
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
        if (userIds.size() > Limits.MAX_ADD_MEMBERS) {
            throw RequestFields.badRequest("Field \"userIds\" names at most " + Limits.MAX_ADD_MEMBERS
                    + " users a request; add more with further requests.");
        }
        return MemberAccess.untilApplied(() -> {
            Conversation conversation = MemberAccess.requireMember(repository, actor.userId(), conversationId, Consistency.STRONG);
            GroupRules.requireAdmin(conversation, actor.userId());
            Set<String> newcomers = new LinkedHashSet<>(userIds);
            newcomers.removeAll(conversation.large() ? repository.membersAmong(conversationId, userIds) : conversation.members());
            if (newcomers.isEmpty()) {
                return Optional.of(new ConversationReply(MemberAccess.summaryFor(repository, conversation, actor.userId())));
            }
            int total = conversation.memberCount() + newcomers.size();
            GroupRules.requireE2eeGroupSize(conversation.e2ee(), total);
            if (total > Limits.MAX_LARGE_MEMBERS) {
                throw new FailureException(new Failure.LimitExceeded("A group has at most " + Limits.MAX_LARGE_MEMBERS
                        + " members; this one has " + conversation.memberCount() + " and would have " + total + "."));
            }
            Set<String> now = new LinkedHashSet<>(newcomers);
            if (!conversation.large() && total > Limits.MAX_MEMBERS) {
                // The switch holds the header, every earlier row and as many newcomers as fit one
                // transaction; the rest follow as an add to the large group (a retry adds what is missing).
                now = newcomers.stream().limit(99 - conversation.memberCount())
                        .collect(Collectors.toCollection(LinkedHashSet::new));
            }
            if (repository.apply(change(conversation, actor.userId(), now, total, clock.instant())) != Outcome.APPLIED) {
                return Optional.empty();
            }
            Conversation after = conversation.withMembers(now);
            if (now.size() < newcomers.size()) {
                Set<String> rest = new LinkedHashSet<>(newcomers);
                rest.removeAll(now);
                if (repository.apply(new MembershipChange.Add(conversationId, actor.userId(), rest, Limits.MAX_LARGE_MEMBERS,
                        clock.instant(), Tier.LARGE)) == Outcome.APPLIED) {
                    after = after.withMembers(rest);
                    now = newcomers;
                }
            }
            events.membersAdded(conversation, after, now, actor);
            return Optional.of(new ConversationReply(MemberAccess.summaryFor(repository, after, actor.userId())));
        });
    }

    /**
     * An add by admin {@code by} within the conversation's tier, or the switch of a small group that grows past its
     * limit ({@link JoinByInvite} adds on behalf of the invite's creator the same way).
     */
    static MembershipChange change(Conversation conversation, String by, Set<String> newcomers, int total, Instant at) {
        String id = conversation.conversationId();
        if (conversation.large()) {
            return new MembershipChange.Add(id, by, newcomers, Limits.MAX_LARGE_MEMBERS, at, Tier.LARGE);
        }
        if (total > Limits.MAX_MEMBERS) {
            return new MembershipChange.Grow(id, by, newcomers, conversation.members(), at);
        }
        return new MembershipChange.Add(id, by, newcomers, Limits.MAX_MEMBERS, at);
    }

    /** What the caller asks for: the {@code addMembers} action's fields, as the handler read them. */
    public record Command(String conversationId, List<String> userIds) {
    }
}
