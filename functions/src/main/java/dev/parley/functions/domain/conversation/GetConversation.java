package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.conversation.ConversationRepository.Consistency;
import dev.parley.model.v1.GetConversationReply;

/** Use case: one conversation as the caller sees it, with every member and their role. Members only. */
public final class GetConversation {
    private final ConversationRepository repository;

    public GetConversation(ConversationRepository repository) {
        this.repository = repository;
    }

    public GetConversationReply get(Actor actor, Command command) {
        String conversationId = ConversationId.require(command.conversationId());
        Conversation conversation = MemberAccess.requireMember(repository, actor.userId(), conversationId, Consistency.EVENTUAL);
        return new GetConversationReply(MemberAccess.summaryFor(repository, conversation, actor.userId()), conversation.memberList());
    }

    /** What the caller asks for: the {@code getConversation} action's fields, as the handler read them. */
    public record Command(String conversationId) {
    }
}
