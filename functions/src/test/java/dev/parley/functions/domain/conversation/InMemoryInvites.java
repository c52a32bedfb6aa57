package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.conversation.ConversationRepository.Outcome;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** The in-memory fake of {@link Invites}: by group, then by invite id, with the real store's conditions. */
public final class InMemoryInvites implements Invites {
    private final Map<String, NavigableMap<Long, Invite>> byGroup = new HashMap<>();

    @Override
    public synchronized Outcome create(Invite invite) {
        NavigableMap<Long, Invite> group = byGroup.computeIfAbsent(invite.conversationId(), id -> new TreeMap<>());
        return group.putIfAbsent(invite.inviteId(), invite) == null ? Outcome.APPLIED : Outcome.REFUSED;
    }

    @Override
    public synchronized Optional<Invite> find(String conversationId, long inviteId) {
        return Optional.ofNullable(byGroup.getOrDefault(conversationId, new TreeMap<>()).get(inviteId));
    }

    @Override
    public synchronized InvitePage list(String conversationId, Long afterInviteId, int limit) {
        NavigableMap<Long, Invite> group = byGroup.getOrDefault(conversationId, new TreeMap<>());
        List<Invite> after = List.copyOf((afterInviteId == null ? group : group.tailMap(afterInviteId, false)).values());
        return new InvitePage(after.subList(0, Math.min(limit, after.size())), after.size() > limit);
    }

    @Override
    public synchronized Outcome revoke(String conversationId, long inviteId) {
        Invite invite = find(conversationId, inviteId).orElse(null);
        if (invite == null) {
            return Outcome.REFUSED;
        }
        byGroup.get(conversationId).put(inviteId, invite.withRevoked());
        return Outcome.APPLIED;
    }

    synchronized boolean usable(InviteUse use) {
        return find(use.conversationId(), use.inviteId())
                .filter(invite -> invite.secretHash().equals(use.secretHash()) && invite.unusableBecause(use.at()) == null)
                .isPresent();
    }

    synchronized void countUse(InviteUse use) {
        byGroup.get(use.conversationId()).computeIfPresent(use.inviteId(), (id, invite) -> invite.used());
    }
}
