package dev.parley.functions.domain.message;

import dev.parley.functions.domain.conversation.Kind;

import java.util.Set;

class InMemoryMessageRepositoryTest extends MessageRepositoryContract {
    private final InMemoryMessageRepository repository = new InMemoryMessageRepository();

    @Override
    protected MessageRepository repository() {
        return repository;
    }

    @Override
    protected void createConversation(String conversationId, Kind kind, boolean e2ee, Set<String> members) {
        repository.create(conversationId, kind, e2ee, members);
    }
}
