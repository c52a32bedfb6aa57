package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.receipt.ReadTally;

import java.time.Instant;

class InMemoryConversationRepositoryTest extends ConversationRepositoryContract implements GroupRolesContract {
    private final InMemoryConversationRepository repository = new InMemoryConversationRepository();

    @Override
    public ConversationRepository repository() {
        return repository;
    }

    @Override
    protected void read(String userId, String conversationId, long seq) {
        repository.read(userId, conversationId, seq);
    }

    @Override
    protected ReadTally readTally(String conversationId) {
        return repository.readTally(conversationId);
    }

    @Override
    protected void messageStored(String conversationId, long seq, Instant sentAt) {
        repository.messageStored(conversationId, seq, sentAt);
    }
}
