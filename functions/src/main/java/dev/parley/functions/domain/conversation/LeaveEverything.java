package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.functions.domain.conversation.ConversationRepository.Outcome;

import java.util.Optional;
import java.util.Set;

/**
 * Domain service for deleteAccount: the user leaves every conversation they are in, groups and
 * one-to-one alike, by the same conditional writes as leaveConversation (a group's last admin hands
 * over to the member with the lowest user id). The members who stay get an {@code accountDeleted}
 * event. Each leave is one transaction, so a crash between two leaves something a second call
 * finishes: it lists the memberships that are still there.
 */
public final class LeaveEverything {
    private final ConversationRepository repository;
    private final ConversationEvents events;

    public LeaveEverything(ConversationRepository repository, ConversationEvents events) {
        this.repository = repository;
        this.events = events;
    }

    /** @return how many conversations the user left */
    public int leaveAll(Actor actor) {
        int left = 0;
        for (Membership membership : repository.memberships(actor.userId())) {
            if (leave(actor, membership.conversationId())) {
                left++;
            }
        }
        return left;
    }

    private boolean leave(Actor actor, String conversationId) {
        return MemberAccess.untilApplied(() -> {
            Optional<Conversation> found = repository.find(conversationId, Consistency.STRONG)
                    .filter(conversation -> MemberAccess.isMember(repository, conversation, actor.userId(), Consistency.STRONG));
            if (found.isEmpty()) {
                return Optional.of(false);
            }
            Conversation conversation = found.get();
            MembershipChange.Leave leave = LeaveConversation.leaving(repository, conversation, actor.userId());
            if (repository.apply(leave) != Outcome.APPLIED) {
                return Optional.empty();
            }
            Set<String> promoted = leave.heir() == null ? Set.of() : Set.of(leave.heir());
            events.accountDeleted(conversation.without(Set.of(actor.userId()), promoted), actor);
            return Optional.of(true);
        });
    }
}
