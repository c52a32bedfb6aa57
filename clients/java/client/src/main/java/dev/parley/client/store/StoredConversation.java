package dev.parley.client.store;

import dev.parley.model.v1.ConversationSummary;

import java.util.List;

/**
 * A conversation as the device holds it: the server's summary as last seen, the members, and the
 * user's own read and delivered cursors (shared by all their devices).
 */
public record StoredConversation(ConversationSummary summary, List<String> members, long readSeq, long deliveredSeq,
                                 boolean muted) {
    public String conversationId() {
        return summary.conversationId();
    }
}
