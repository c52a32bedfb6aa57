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
 * @param owner          a group's owner (its creator until they hand it over or leave; also one of its admins),
 *                       or null: a direct conversation, or a group whose owner left (its admins then act as owner)
 * @param postPolicy     who may send messages: everyone, or only admins (an announcement group)
 * @param membersEpoch   one more with every membership change (0 at creation), written with the change: what a
 *                       large group's sender-key send names to show its member list is current
 */
public record Conversation(String conversationId, Kind kind, String title, boolean e2ee, Set<String> members,
                           Set<String> admins, Instant createdAt, String createdBy, long lastSeq, Instant lastActivityAt,
                           Tier tier, int memberCount, String owner, PostPolicy postPolicy, long membersEpoch) {

    public Conversation {
        members = Set.copyOf(members);
        admins = Set.copyOf(admins);
        if (tier == Tier.SMALL && memberCount != members.size()) {
            throw new IllegalArgumentException("a small conversation counts the members of its header");
        }
        if (owner != null && !admins.contains(owner)) {
            throw new IllegalArgumentException("a group's owner is one of its admins");
        }
    }

    /** A conversation whose membership never changed since its creation. */
    public Conversation(String conversationId, Kind kind, String title, boolean e2ee, Set<String> members,
                        Set<String> admins, Instant createdAt, String createdBy, long lastSeq, Instant lastActivityAt,
                        Tier tier, int memberCount, String owner, PostPolicy postPolicy) {
        this(conversationId, kind, title, e2ee, members, admins, createdAt, createdBy, lastSeq, lastActivityAt, tier,
                memberCount, owner, postPolicy, 0);
    }

    /** A conversation without an owner, in which everyone may post. */
    public Conversation(String conversationId, Kind kind, String title, boolean e2ee, Set<String> members,
                        Set<String> admins, Instant createdAt, String createdBy, long lastSeq, Instant lastActivityAt,
                        Tier tier, int memberCount) {
        this(conversationId, kind, title, e2ee, members, admins, createdAt, createdBy, lastSeq, lastActivityAt, tier,
                memberCount, null, PostPolicy.EVERYONE);
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

    /** A new conversation: no message yet, so its activity is its creation (kept in ms, as stored). A group's creator owns it. */
    public static Conversation created(String conversationId, Kind kind, String title, boolean e2ee,
                                       Set<String> members, Set<String> admins, Instant at, String by) {
        Instant createdAt = at.truncatedTo(ChronoUnit.MILLIS);
        String owner = kind == Kind.GROUP && admins.contains(by) ? by : null;
        return new Conversation(conversationId, kind, title, e2ee, members, admins, createdAt, by, 0, createdAt,
                Tier.SMALL, Set.copyOf(members).size(), owner, PostPolicy.EVERYONE);
    }

    /** The same conversation with other fields of the header: tier, members, admins, owner, title and post policy. */
    private Conversation with(Tier newTier, Set<String> newMembers, int count, Set<String> newAdmins, String newOwner,
                              String newTitle, PostPolicy newPolicy) {
        return new Conversation(conversationId, kind, newTitle, e2ee, newTier == Tier.LARGE ? Set.of() : newMembers,
                newAdmins, createdAt, createdBy, lastSeq, lastActivityAt, newTier, count, newOwner, newPolicy, membersEpoch);
    }

    /** The same header where its timeline ends at {@code seq}, sent at {@code at}. */
    public Conversation withLatest(long seq, Instant at) {
        return new Conversation(conversationId, kind, title, e2ee, members, admins, createdAt, createdBy, seq, at, tier,
                memberCount, owner, postPolicy, membersEpoch);
    }

    /** The same header one membership change later. */
    private Conversation nextEpoch() {
        return new Conversation(conversationId, kind, title, e2ee, members, admins, createdAt, createdBy, lastSeq,
                lastActivityAt, tier, memberCount, owner, postPolicy, membersEpoch + 1);
    }

    /**
     * Whether the header lists {@code userId}: the answer for a small conversation. A large one's
     * header lists nobody; ask its rows ({@link ConversationRepository#membership}).
     */
    public boolean isMember(String userId) {
        return members.contains(userId);
    }

    /** Whether {@code userId} is an admin; the owner is one too. */
    public boolean isAdmin(String userId) {
        return admins.contains(userId);
    }

    public boolean isOwner(String userId) {
        return userId.equals(owner);
    }

    /** Whether {@code userId} may make and unmake admins: the owner, or any admin of a group whose owner left. */
    public boolean mayAppointAdmins(String userId) {
        return owner == null ? isAdmin(userId) : isOwner(userId);
    }

    /** Whether {@code userId}, a member, may send messages here: everyone may, unless only admins post. */
    public boolean mayPost(String userId) {
        return postPolicy == PostPolicy.EVERYONE || isAdmin(userId);
    }

    public Role roleOf(String userId) {
        if (isOwner(userId)) {
            return Role.OWNER;
        }
        return isAdmin(userId) ? Role.ADMIN : Role.MEMBER;
    }

    /** This conversation with {@code userId} (a member) given {@code role}: admin or member (never owner). */
    public Conversation withRole(String userId, Role role) {
        Set<String> rulers = new TreeSet<>(admins);
        if (role == Role.ADMIN) {
            rulers.add(userId);
        } else {
            rulers.remove(userId);
        }
        return with(tier, members, memberCount, rulers, owner, title, postPolicy);
    }

    /** This group owned by {@code userId}, now an admin too; the previous owner stays an admin. */
    public Conversation withOwner(String userId) {
        Set<String> rulers = new TreeSet<>(admins);
        rulers.add(userId);
        return with(tier, members, memberCount, rulers, userId, title, postPolicy);
    }

    /** This group with another title and post policy. */
    public Conversation withSettings(String newTitle, PostPolicy newPolicy) {
        return with(tier, members, memberCount, admins, owner, newTitle, newPolicy);
    }

    /** This conversation with these users (none of them members) added; large once it has more than a small one holds. */
    public Conversation withMembers(Collection<String> userIds) {
        int count = memberCount + Set.copyOf(userIds).size();
        Set<String> more = new TreeSet<>(members);
        more.addAll(userIds);
        Tier after = large() || count > Tier.SMALL.maxMembers() ? Tier.LARGE : Tier.SMALL;
        return with(after, more, count, admins, owner, title, postPolicy).nextEpoch();
    }

    /** This conversation with these users no longer members (nor admins, nor owner), and these promoted to admin. */
    public Conversation without(Collection<String> userIds, Collection<String> promoted) {
        Set<String> fewer = new TreeSet<>(members);
        fewer.removeAll(userIds);
        Set<String> rulers = new TreeSet<>(admins);
        rulers.removeAll(userIds);
        rulers.addAll(promoted);
        String keeper = owner != null && userIds.contains(owner) ? null : owner;
        int count = large() ? memberCount - Set.copyOf(userIds).size() : fewer.size();
        return with(tier, fewer, count, rulers, keeper, title, postPolicy).nextEpoch();
    }

    /** The conversation as {@code userId} sees it, whose read cursor is at {@code readSeq}. */
    public ConversationSummary summaryFor(String userId, long readSeq) {
        return new ConversationSummary(conversationId, kind.value(), title, e2ee, memberCount, lastSeq,
                lastActivityAt.toEpochMilli(), Math.max(0, lastSeq - readSeq), roleOf(userId).value(), tier.value(),
                kind == Kind.GROUP ? postPolicy.value() : null, large() ? membersEpoch : null);
    }

    /** Every member of a small conversation with their role, ordered by user id; a large one pages them (ListMembers). */
    public List<MemberInfo> memberList() {
        return new TreeSet<>(members).stream().map(userId -> new MemberInfo(userId, roleOf(userId).value())).toList();
    }
}
