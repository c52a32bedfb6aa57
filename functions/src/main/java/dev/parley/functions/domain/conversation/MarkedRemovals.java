package dev.parley.functions.domain.conversation;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The conversation store with {@link RecentRemovals} kept: a removal from or a leave of a large
 * conversation is marked before it is written, so no fan-out running meanwhile posts to the user
 * after the removal, whichever use case made it (remove, leave, account deletion).
 */
public final class MarkedRemovals implements ConversationRepository {
    private final ConversationRepository store;
    private final RecentRemovals removals;
    private final Clock clock;

    public MarkedRemovals(ConversationRepository store, RecentRemovals removals, Clock clock) {
        this.store = store;
        this.removals = removals;
        this.clock = clock;
    }

    @Override
    public Outcome apply(MembershipChange change) {
        if (change.tier() == Tier.LARGE) {
            if (change instanceof MembershipChange.Remove remove) {
                removals.record(change.conversationId(), remove.userIds(), clock.instant());
            } else if (change instanceof MembershipChange.Leave leave) {
                removals.record(change.conversationId(), Set.of(leave.userId()), clock.instant());
            }
        }
        return store.apply(change);
    }

    /** A join by invite adds, never removes: nothing to mark. */
    @Override
    public Outcome apply(MembershipChange change, InviteUse use) {
        return store.apply(change, use);
    }

    /** A role or settings change removes nobody: nothing to mark. */
    @Override
    public Outcome apply(GroupChange change) {
        return store.apply(change);
    }

    @Override
    public Optional<Conversation> find(String conversationId, Consistency consistency) {
        return store.find(conversationId, consistency);
    }

    @Override
    public List<Conversation> findAll(Collection<String> conversationIds) {
        return store.findAll(conversationIds);
    }

    @Override
    public Optional<Membership> membership(String userId, String conversationId) {
        return store.membership(userId, conversationId);
    }

    @Override
    public Set<String> membersAmong(String conversationId, Collection<String> userIds) {
        return store.membersAmong(conversationId, userIds);
    }

    @Override
    public MemberPage members(String conversationId, String afterUserId, int limit) {
        return store.members(conversationId, afterUserId, limit);
    }

    @Override
    public List<Membership> memberships(String userId) {
        return store.memberships(userId);
    }

    @Override
    public Outcome create(Conversation conversation) {
        return store.create(conversation);
    }
}
