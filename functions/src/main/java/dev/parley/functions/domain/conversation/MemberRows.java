package dev.parley.functions.domain.conversation;

/**
 * Port: whether a user has a membership row in a conversation, which is what membership is in a
 * large conversation (its header lists nobody). One GetItem; a miss is read again consistently.
 */
@FunctionalInterface
public interface MemberRows {

    boolean has(String userId, String conversationId, ConversationTails.Read read);

    /** No rows anywhere: a deployment or a test with small conversations only. */
    static MemberRows none() {
        return (userId, conversationId, read) -> false;
    }
}
