package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.receipt.InMemoryReadCounts;
import dev.parley.functions.domain.receipt.ReadTally;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The in-memory fake of {@link ConversationRepository}; {@link ConversationRepositoryContract}
 * holds it to the real one's behaviour: the same conditions, and a change applies entirely or
 * not at all. A rival change can be slipped in just before the next write, as a concurrent
 * request would.
 */
public final class InMemoryConversationRepository implements ConversationRepository {
    private final Map<String, Conversation> headers = new HashMap<>();
    private final Map<String, NavigableMap<Long, Instant>> timelines = new HashMap<>();
    private final Map<String, Map<String, Membership>> rows = new HashMap<>();
    private final Deque<Runnable> rivals = new ArrayDeque<>();
    private int writes;
    /** The group's invite links, kept here so a join and its use are one atomic step, as in the real store. */
    public final InMemoryInvites invites = new InMemoryInvites();
    /** Large conversations' read counts, kept here so a leaver leaves them in the same step, as in the real store. */
    private final InMemoryReadCounts counted = new InMemoryReadCounts();

    /** A message was stored at {@code seq}: the send path's part, as far as conversations see it. */
    public synchronized void messageStored(String conversationId, long seq, Instant sentAt) {
        timelines.computeIfAbsent(conversationId, id -> new TreeMap<>()).put(seq, sentAt);
    }

    /** Moves a member's read cursor, as receipts do, and in a large conversation their counted read position; nothing without a row. */
    public synchronized void read(String userId, String conversationId, long readSeq) {
        Membership row = rows.getOrDefault(userId, Map.of()).get(conversationId);
        if (row == null || row.readSeq() >= readSeq) {
            return;
        }
        rows.get(userId).put(conversationId, new Membership(userId, conversationId, row.role(), row.joinedAt(), readSeq, row.deliveredSeq()));
        if (headers.get(conversationId).large()) {
            counted.moveReader(conversationId, userId, counted.positionOf(conversationId, userId), readSeq);
        }
    }

    /** The read counts beside the rows ({@link #read} moves them). */
    public synchronized ReadTally readTally(String conversationId) {
        return counted.tally(conversationId);
    }

    /** Runs {@code rival} just before the next write, as a request that got there first. */
    public synchronized void beforeNextWrite(Runnable rival) {
        rivals.add(rival);
    }

    /** Writes attempted, refused ones included. */
    public synchronized int writes() {
        return writes;
    }

    @Override
    public synchronized Optional<Conversation> find(String conversationId, Consistency consistency) {
        Conversation header = headers.get(conversationId);
        if (header == null) {
            return Optional.empty();
        }
        NavigableMap<Long, Instant> timeline = timelines.getOrDefault(conversationId, new TreeMap<>());
        return Optional.of(header.withLatest(timeline.isEmpty() ? 0 : timeline.lastKey(),
                timeline.isEmpty() ? header.createdAt() : timeline.lastEntry().getValue()));
    }

    @Override
    public synchronized List<Conversation> findAll(Collection<String> conversationIds) {
        List<Conversation> found = new ArrayList<>();
        conversationIds.forEach(id -> find(id, Consistency.EVENTUAL).ifPresent(found::add));
        return found;
    }

    @Override
    public synchronized Optional<Membership> membership(String userId, String conversationId) {
        return Optional.ofNullable(rows.getOrDefault(userId, Map.of()).get(conversationId));
    }

    @Override
    public synchronized Set<String> membersAmong(String conversationId, Collection<String> userIds) {
        return userIds.stream().filter(userId -> hasRow(userId, conversationId)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public synchronized MemberPage members(String conversationId, String afterUserId, int limit) {
        List<String> rest = rows.entrySet().stream()
                .filter(entry -> entry.getValue().containsKey(conversationId))
                .map(Map.Entry::getKey)
                .filter(userId -> afterUserId == null || userId.compareTo(afterUserId) > 0)
                .sorted()
                .toList();
        return new MemberPage(rest.subList(0, Math.min(limit, rest.size())), rest.size() > limit);
    }

    @Override
    public synchronized List<Membership> memberships(String userId) {
        return List.copyOf(rows.getOrDefault(userId, Map.of()).values());
    }

    @Override
    public synchronized Outcome create(Conversation conversation) {
        runRivals();
        if (headers.containsKey(conversation.conversationId())) {
            return Outcome.REFUSED;
        }
        headers.put(conversation.conversationId(), conversation);
        conversation.members().forEach(userId -> putRow(Membership.joined(userId, conversation.conversationId(),
                conversation.roleOf(userId), conversation.createdAt())));
        return Outcome.APPLIED;
    }

    @Override
    public synchronized Outcome apply(MembershipChange change) {
        Conversation header = headerIfHolding(change.conversationId(), read -> holds(read, change));
        if (header == null) {
            return Outcome.REFUSED;
        }
        String id = change.conversationId();
        switch (change) {
            case MembershipChange.Add add -> {
                headers.put(id, header.withMembers(add.userIds()));
                add.userIds().forEach(userId -> putRow(Membership.joined(userId, id, Role.MEMBER, add.joinedAt())));
            }
            case MembershipChange.Grow grow -> {
                headers.put(id, new Conversation(id, header.kind(), header.title(), header.e2ee(), Set.of(), header.admins(),
                        header.createdAt(), header.createdBy(), header.lastSeq(), header.lastActivityAt(), Tier.LARGE,
                        header.memberCount() + grow.userIds().size(), header.owner(), header.postPolicy(),
                        header.membersEpoch() + 1));
                grow.userIds().forEach(userId -> putRow(Membership.joined(userId, id, Role.MEMBER, grow.joinedAt())));
            }
            case MembershipChange.Remove remove -> {
                headers.put(id, header.without(remove.userIds(), Set.of()));
                remove.userIds().forEach(userId -> {
                    rows.get(userId).remove(id);
                    counted.forget(id, userId);
                });
            }
            case MembershipChange.Leave leave -> {
                Set<String> heirs = leave.heir() == null ? Set.of() : Set.of(leave.heir());
                headers.put(id, header.without(Set.of(leave.userId()), heirs));
                rows.get(leave.userId()).remove(id);
                counted.forget(id, leave.userId());
                heirs.forEach(heir -> {
                    Membership row = rows.get(heir).get(id);
                    putRow(new Membership(heir, id, Role.ADMIN, row.joinedAt(), row.readSeq(), row.deliveredSeq()));
                });
            }
        }
        return Outcome.APPLIED;
    }

    @Override
    public synchronized Outcome apply(MembershipChange change, InviteUse use) {
        runRivals();
        writes--; // the attempt is counted once, below
        if (!invites.usable(use)) {
            writes++;
            return Outcome.REFUSED;
        }
        Outcome outcome = apply(change);
        if (outcome == Outcome.APPLIED) {
            invites.countUse(use);
        }
        return outcome;
    }

    @Override
    public synchronized Outcome apply(GroupChange change) {
        Conversation header = headerIfHolding(change.conversationId(), read -> holds(read, change));
        if (header == null) {
            return Outcome.REFUSED;
        }
        String id = change.conversationId();
        switch (change) {
            case GroupChange.SetRole setRole -> {
                headers.put(id, header.withRole(setRole.userId(), setRole.role()));
                putRole(setRole.userId(), id, setRole.role());
            }
            case GroupChange.Transfer transfer -> {
                headers.put(id, header.withOwner(transfer.userId()));
                putRole(transfer.userId(), id, Role.OWNER);
                putRole(transfer.by(), id, Role.ADMIN);
            }
            case GroupChange.Settings settings -> headers.put(id, header.withSettings(
                    settings.title() == null ? header.title() : settings.title(),
                    settings.postPolicy() == null ? header.postPolicy() : settings.postPolicy()));
        }
        return Outcome.APPLIED;
    }

    private boolean holds(Conversation header, GroupChange change) {
        return switch (change) {
            case GroupChange.SetRole setRole -> (setRole.byOwner() ? header.isOwner(setRole.by())
                    : header.owner() == null && header.isAdmin(setRole.by()))
                    && !header.isOwner(setRole.userId()) && hasRow(setRole.userId(), setRole.conversationId())
                    && (setRole.role() == Role.ADMIN ? header.admins().size() < setRole.maxAdmins() : header.admins().size() > 1);
            case GroupChange.Transfer transfer -> header.isOwner(transfer.by())
                    && hasRow(transfer.userId(), transfer.conversationId()) && hasRow(transfer.by(), transfer.conversationId());
            case GroupChange.Settings settings -> header.isAdmin(settings.by());
        };
    }

    private void putRole(String userId, String conversationId, Role role) {
        Membership row = rows.get(userId).get(conversationId);
        putRow(new Membership(userId, conversationId, role, row.joinedAt(), row.readSeq(), row.deliveredSeq()));
    }

    /** The same conditions as the DynamoDB transaction's. */
    private boolean holds(Conversation header, MembershipChange change) {
        return switch (change) {
            case MembershipChange.Add add -> header.tier() == add.tier() && header.isAdmin(add.by())
                    && header.memberCount() <= add.maxMembers() - add.userIds().size()
                    && add.userIds().stream().noneMatch(userId -> hasRow(userId, add.conversationId()));
            case MembershipChange.Grow grow -> !header.large() && header.isAdmin(grow.by())
                    && header.memberCount() == grow.membersBefore()
                    && grow.userIds().stream().noneMatch(userId -> hasRow(userId, grow.conversationId()));
            case MembershipChange.Remove remove -> header.tier() == remove.tier() && header.isAdmin(remove.by())
                    && remove.userIds().stream().noneMatch(header::isOwner)
                    && remove.userIds().stream().allMatch(userId -> hasRow(userId, remove.conversationId()));
            case MembershipChange.Leave leave -> header.tier() == leave.tier() && leave.owner() == header.isOwner(leave.userId())
                    && (header.large() || header.isMember(leave.userId())) && hasRow(leave.userId(), leave.conversationId())
                    && switch (leave.standing()) {
                        case MEMBER -> !header.isAdmin(leave.userId());
                        case ONE_OF_SEVERAL_ADMINS -> header.isAdmin(leave.userId()) && header.admins().size() > 1;
                        case LAST_ADMIN -> header.isAdmin(leave.userId()) && header.admins().size() == 1
                                && (header.large() || header.isMember(leave.heir())) && hasRow(leave.heir(), leave.conversationId());
                        case LAST_MEMBER -> header.memberCount() == 1;
                    };
        };
    }

    /** After any rival write, the header if it exists and {@code condition} holds on it, else null. */
    private Conversation headerIfHolding(String conversationId, java.util.function.Predicate<Conversation> condition) {
        runRivals();
        Conversation header = headers.get(conversationId);
        return header != null && condition.test(header) ? header : null;
    }

    private void runRivals() {
        writes++;
        List<Runnable> now = new ArrayList<>(rivals);
        rivals.clear();
        now.forEach(Runnable::run);
    }

    private boolean hasRow(String userId, String conversationId) {
        return rows.getOrDefault(userId, Map.of()).containsKey(conversationId);
    }

    private void putRow(Membership membership) {
        rows.computeIfAbsent(membership.userId(), user -> new HashMap<>()).put(membership.conversationId(), membership);
    }
}
