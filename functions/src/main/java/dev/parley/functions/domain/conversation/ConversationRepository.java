package dev.parley.functions.domain.conversation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Port: conversations (their header and timeline position) and each user's memberships. In a
 * small conversation the header's member set is the authority on who is in it: membership
 * checks and fan-out read it. In a large one the rows are: a membership check reads the
 * member's row, and the members are paged through an index of the rows by conversation.
 * Membership rows hold each user's role and cursors, and list a user's conversations.
 */
public interface ConversationRepository {

    /** Whether a read must see every write acknowledged before it (used before deciding a change). */
    enum Consistency { EVENTUAL, STRONG }

    /** What became of a conditional write. */
    enum Outcome {
        APPLIED,
        /** A condition no longer held, or a concurrent write to the same items won; nothing was written. */
        REFUSED
    }

    Optional<Conversation> find(String conversationId, Consistency consistency);

    /** The conversations that exist among these ids, eventually consistent, in no particular order. */
    List<Conversation> findAll(Collection<String> conversationIds);

    Optional<Membership> membership(String userId, String conversationId);

    /** Which of {@code userIds} have a row in the conversation, read consistently (at most {@code Limits.MAX_ADD_MEMBERS} ids). */
    Set<String> membersAmong(String conversationId, Collection<String> userIds);

    /**
     * A page of the conversation's members by user id, after {@code afterUserId} (null: from the
     * first), from the rows' index: eventually consistent, a join or leave of the last moment may
     * be missing.
     */
    MemberPage members(String conversationId, String afterUserId, int limit);

    /** Members ordered by user id; {@code hasMore} when more follow the last one. */
    record MemberPage(List<String> userIds, boolean hasMore) {
        public MemberPage {
            userIds = List.copyOf(userIds);
        }
    }

    /** Every conversation {@code userId} belongs to. */
    List<Membership> memberships(String userId);

    /**
     * Stores a new conversation and one membership per member (admins as {@link Role#ADMIN}),
     * joined at its creation; refused when a conversation with its id exists.
     */
    Outcome create(Conversation conversation);

    Outcome apply(MembershipChange change);

    Outcome apply(GroupChange change);

    /** The change together with one use of an invite, in one write: refused when either's condition fails. */
    Outcome apply(MembershipChange change, InviteUse use);
}
