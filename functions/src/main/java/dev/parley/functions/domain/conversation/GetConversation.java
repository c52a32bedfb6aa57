package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.model.v1.GetConversationReply;

/**
 * Use case: one conversation as the caller sees it, with its members and their roles. Members
 * only. A small conversation lists every member; a large one its first page ({@link ListMembers}
 * pages on).
 */
public final class GetConversation {
    private final ConversationRepository repository;

    public GetConversation(ConversationRepository repository) {
        this.repository = repository;
    }

    public GetConversationReply get(Actor actor, Command command) {
        String conversationId = ConversationId.require(command.conversationId());
        Conversation conversation = MemberAccess.requireMember(repository, actor.userId(), conversationId, Consistency.EVENTUAL);
        return new GetConversationReply(MemberAccess.summaryFor(repository, conversation, actor.userId()),
                ListMembers.page(repository, conversation, null, ListMembers.DEFAULT_PAGE).members());
    }

    /** What the caller asks for: the {@code getConversation} action's fields, as the handler read them. */
    public record Command(String conversationId) {
    }
}
