package dev.parley.functions.domain.viewing;

/**
 * Port: whether a user is in a conversation. The wiring answers it with the conversation feature's own
 * check, so that viewing does not depend on how membership is stored (small or large tier).
 */
@FunctionalInterface
public interface ConversationMembers {

    /** Returns when {@code userId} is a member; throws NOT_FOUND (ConversationNotFound) otherwise, unknown ids alike. */
    void requireMember(String userId, String conversationId);
}
