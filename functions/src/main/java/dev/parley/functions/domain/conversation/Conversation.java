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
 * @param members        who receives its messages and events; a direct conversation has exactly two
 * @param admins         who may change a group's membership; empty for a direct conversation, and
 *                       empty once a group's last member has left
 * @param lastSeq        the sequence number of its latest message, 0 before the first
 * @param lastActivityAt when its latest message was sent, or when it was created
 */
public record Conversation(String conversationId, Kind kind, String title, boolean e2ee, Set<String> members,
                           Set<String> admins, Instant createdAt, String createdBy, long lastSeq, Instant lastActivityAt) {

    public Conversation {
        members = Set.copyOf(members);
        admins = Set.copyOf(admins);
    }

    /** A new conversation: no message yet, so its activity is its creation (kept in ms, as stored). */
    public static Conversation created(String conversationId, Kind kind, String title, boolean e2ee,
                                       Set<String> members, Set<String> admins, Instant at, String by) {
        Instant createdAt = at.truncatedTo(ChronoUnit.MILLIS);
        return new Conversation(conversationId, kind, title, e2ee, members, admins, createdAt, by, 0, createdAt);
    }

    public boolean isMember(String userId) {
        return members.contains(userId);
    }

    public boolean isAdmin(String userId) {
        return admins.contains(userId);
    }

    public Role roleOf(String userId) {
        return isAdmin(userId) ? Role.ADMIN : Role.MEMBER;
    }

    /** This conversation with these users added as members. */
    public Conversation withMembers(Collection<String> userIds) {
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
        return new Conversation(conversationId, kind, title, e2ee, fewer, rulers, createdAt, createdBy, lastSeq, lastActivityAt);
    }

    /** The conversation as {@code userId} sees it, whose read cursor is at {@code readSeq}. */
    public ConversationSummary summaryFor(String userId, long readSeq) {
        return new ConversationSummary(conversationId, kind.value(), title, e2ee, members.size(), lastSeq,
                lastActivityAt.toEpochMilli(), Math.max(0, lastSeq - readSeq), roleOf(userId).value(), Tier.SMALL.value());
    }

    /** Every member with their role, ordered by user id. */
    public List<MemberInfo> memberList() {
        return new TreeSet<>(members).stream().map(userId -> new MemberInfo(userId, roleOf(userId).value())).toList();
    }
}
