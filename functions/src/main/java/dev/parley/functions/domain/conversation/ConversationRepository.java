package dev.parley.functions.domain.conversation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Port: conversations (their header and timeline position) and each user's memberships. The
 * header's member set is the authority on who is in a conversation: membership checks and
 * fan-out read it. Membership rows hold each user's role and cursors, and list a user's
 * conversations.
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

    /** Every conversation {@code userId} belongs to. */
    List<Membership> memberships(String userId);

    /**
     * Stores a new conversation and one membership per member (admins as {@link Role#ADMIN}),
     * joined at its creation; refused when a conversation with its id exists.
     */
    Outcome create(Conversation conversation);

    Outcome apply(MembershipChange change);
}
