package dev.parley.functions.domain.sync;

import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.message.Message;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Port: conversations' headers and pages of their messages, as sync and history read them. */
public interface Timeline {

    /**
     * The headers of these conversations (batched reads), by id; unknown ids are absent. Each
     * {@link Conversation} has lastSeq 0 and lastActivityAt = createdAt: the header knows no messages.
     */
    Map<String, Conversation> headers(Collection<String> conversationIds);

    /** Up to {@code limit} messages with seq greater than {@code afterSeq}, oldest first. */
    List<Message> after(String conversationId, long afterSeq, int limit);

    /** The newest {@code limit} messages with seq less than {@code beforeSeq}, oldest first. */
    List<Message> before(String conversationId, long beforeSeq, int limit);
}
