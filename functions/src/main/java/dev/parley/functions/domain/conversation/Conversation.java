package dev.parley.functions.domain.conversation;

import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.MemberInfo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A conversation's header and where its timeline stands.
 *
 * @param title          a group's name, or null
 * @param e2ee           fixed at creation: an E2EE conversation takes only ciphertext bodies
 * @param members        who receives its messages and events; a direct conversation has exactly two. Empty in a
 *                       large conversation, whose members are rows only ({@link ConversationRepository#members})
 * @param admins         who may change a group's membership; empty for a direct conversation, and
 *                       empty once a group's last member has left
 * @param lastSeq        the sequence number of its latest message, 0 before the first
 * @param lastActivityAt when its latest message was sent, or when it was created
 * @param tier           small (members in the header, inline fan-out) or large (members in rows, queued fan-out)
 * @param memberCount    how many members it has: the header's set in a small one, its counter in a large one
 */
public record Conversation(String conversationId, Kind kind, String title, boolean e2ee, Set<String> members,
                           Set<String> admins, Instant createdAt, String createdBy, long lastSeq, Instant lastActivityAt,
                           Tier tier, int memberCount) {

    public Conversation {
        members = Set.copyOf(members);
        admins = Set.copyOf(admins);
        if (tier == Tier.SMALL && memberCount != members.size()) {
            throw new IllegalArgumentException("a small conversation counts the members of its header");
        }
    }

    /** A small conversation: its header holds its members. */
    public Conversation(String conversationId, Kind kind, String title, boolean e2ee, Set<String> members,
                        Set<String> admins, Instant createdAt, String createdBy, long lastSeq, Instant lastActivityAt) {
        this(conversationId, kind, title, e2ee, members, admins, createdAt, createdBy, lastSeq, lastActivityAt,
                Tier.SMALL, Set.copyOf(members).size());
    }

    public boolean large() {
        return tier == Tier.LARGE;
    }

    /** A new conversation: no message yet, so its activity is its creation (kept in ms, as stored). */
    public static Conversation created(String conversationId, Kind kind, String title, boolean e2ee,
                                       Set<String> members, Set<String> admins, Instant at, String by) {
        Instant createdAt = at.truncatedTo(ChronoUnit.MILLIS);
        return new Conversation(conversationId, kind, title, e2ee, members, admins, createdAt, by, 0, createdAt);
    }

    /**
     * Whether the header lists {@code userId}: the answer for a small conversation. A large one's
     * header lists nobody; ask its rows ({@link ConversationRepository#membership}).
     */
    public boolean isMember(String userId) {
        return members.contains(userId);
    }

    public boolean isAdmin(String userId) {
        return admins.contains(userId);
    }

    public Role roleOf(String userId) {
        return isAdmin(userId) ? Role.ADMIN : Role.MEMBER;
    }

    /** This conversation with these users (none of them members) added; large once it has more than a small one holds. */
    public Conversation withMembers(Collection<String> userIds) {
        int count = memberCount + Set.copyOf(userIds).size();
        if (large() || count > Tier.SMALL.maxMembers()) {
            return new Conversation(conversationId, kind, title, e2ee, Set.of(), admins, createdAt, createdBy, lastSeq,
                    lastActivityAt, Tier.LARGE, count);
        }
        Set<String> more = new TreeSet<>(members);
        more.addAll(userIds);
        return new Conversation(conversationId, kind, title, e2ee, more, admins, createdAt, createdBy, lastSeq, lastActivityAt);
    }

    /** This conversation with these users no longer members (nor admins), and these promoted to admin. */
    public Conversation without(Collection<String> userIds, Collection<String> promoted) {
        Set<String> fewer = new TreeSet<>(members);
        fewer.removeAll(userIds);
        Set<String> rulers = new TreeSet<>(admins);
        rulers.removeAll(userIds);
        rulers.addAll(promoted);
        if (large()) {
            return new Conversation(conversationId, kind, title, e2ee, Set.of(), rulers, createdAt, createdBy, lastSeq,
                    lastActivityAt, Tier.LARGE, memberCount - Set.copyOf(userIds).size());
        }
        return new Conversation(conversationId, kind, title, e2ee, fewer, rulers, createdAt, createdBy, lastSeq, lastActivityAt);
    }

    /** The conversation as {@code userId} sees it, whose read cursor is at {@code readSeq}. */
    public ConversationSummary summaryFor(String userId, long readSeq) {
        return new ConversationSummary(conversationId, kind.value(), title, e2ee, memberCount, lastSeq,
                lastActivityAt.toEpochMilli(), Math.max(0, lastSeq - readSeq), roleOf(userId).value(), tier.value());
    }

    /** Every member of a small conversation with their role, ordered by user id; a large one pages them (ListMembers). */
    public List<MemberInfo> memberList() {
        return new TreeSet<>(members).stream().map(userId -> new MemberInfo(userId, roleOf(userId).value())).toList();
    }
}
