package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.receipt.ReadCounts;

import java.time.Instant;

class InMemoryConversationRepositoryTest extends ConversationRepositoryContract implements GroupRolesContract {
    private final InMemoryConversationRepository repository = new InMemoryConversationRepository();

    @Override
    public ConversationRepository repository() {
        return repository;
    }

    @Override
    protected ReadCounts readCounts() {
        return repository.readCounts();
    }

    @Override
    protected void messageStored(String conversationId, long seq, Instant sentAt) {
        repository.messageStored(conversationId, seq, sentAt);
    }
}
