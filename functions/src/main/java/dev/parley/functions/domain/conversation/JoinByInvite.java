package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.Failure.InviteUnusable;
import dev.parley.functions.domain.Failure.InviteUnusable.Why;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.functions.domain.conversation.ConversationRepository.Outcome;
import dev.parley.model.Limits;
import dev.parley.model.v1.ConversationReply;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: someone holding an invite token joins its group. The join is an {@link AddMembers}-style change made on
 * behalf of the invite's creator (so it holds only while they are still an admin), written in one transaction with
 * the count of one use (which holds only while the invite is unrevoked, unexpired and under its maximum). A small
 * group at its limit becomes large in that same write. Someone already a member gets the summary, and no use counts.
 * An unknown invite and a wrong secret give the same FORBIDDEN (reason notValid), so tokens cannot be probed; the
 * other reasons are told only to a caller who holds the right secret.
 */
public final class JoinByInvite {
    private static final String NOT_VALID = "This invite link is not valid.";

    private final ConversationRepository repository;
    private final Invites invites;
    private final ConversationEvents events;
    private final Clock clock;

    public JoinByInvite(ConversationRepository repository, Invites invites, ConversationEvents events, Clock clock) {
        this.repository = repository;
        this.invites = invites;
        this.events = events;
        this.clock = clock;
    }

    public ConversationReply join(Actor actor, Command command) {
        InviteToken token = InviteToken.parse(command.token());
        return MemberAccess.untilApplied(() -> {
            Invite invite = invites.find(token.conversationId(), token.inviteId())
                    .filter(found -> token.matches(found.secretHash()))
                    .orElseThrow(() -> refused(new InviteUnusable(Why.NOT_VALID, NOT_VALID)));
            Conversation conversation = repository.find(token.conversationId(), Consistency.STRONG)
                    .orElseThrow(() -> refused(new InviteUnusable(Why.NOT_VALID, NOT_VALID)));
            if (MemberAccess.isMember(repository, conversation, actor.userId(), Consistency.STRONG)) {
                return Optional.of(reply(conversation, actor));
            }
            Instant now = clock.instant();
            InviteUnusable unusable = invite.unusableBecause(now);
            if (unusable != null) {
                throw refused(unusable);
            }
            if (!conversation.isAdmin(invite.createdBy())) {
                throw refused(new InviteUnusable(Why.CREATOR_NOT_ADMIN,
                        "This invite link ended when its creator stopped being an admin of the group."));
            }
            int total = conversation.memberCount() + 1;
            GroupRules.requireE2eeGroupSize(conversation.e2ee(), total);
            if (total > Limits.MAX_LARGE_MEMBERS) {
                throw new FailureException(new Failure.LimitExceeded("A group has at most " + Limits.MAX_LARGE_MEMBERS
                        + " members; this one is full."));
            }
            Set<String> newcomer = Set.of(actor.userId());
            MembershipChange change = AddMembers.change(conversation, invite.createdBy(), newcomer, total, now);
            InviteUse use = new InviteUse(invite.conversationId(), invite.inviteId(), invite.secretHash(), now);
            if (repository.apply(change, use) != Outcome.APPLIED) {
                return Optional.empty();
            }
            Conversation after = conversation.withMembers(newcomer);
            events.membersAdded(conversation, after, newcomer, actor);
            return Optional.of(reply(after, actor));
        });
    }

    private ConversationReply reply(Conversation conversation, Actor actor) {
        return new ConversationReply(MemberAccess.summaryFor(repository, conversation, actor.userId()));
    }

    private static FailureException refused(InviteUnusable unusable) {
        return new FailureException(unusable);
    }

    /** What the caller asks for: the {@code joinByInvite} action's field, as the handler read it. */
    public record Command(String token) {
    }
}
