package dev.parley.functions.domain.sync;

import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.message.Message;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * The conversation's header and its newest messages down to seq {@code fromSeq}, at most {@code limit}
     * of them, in one read of the conversation's partition (the header sorts after every message): what
     * sync needs of a large conversation, whose membership rows say nothing of its messages. Empty when
     * there is no such conversation. The header's lastSeq and lastActivityAt are its newest message's,
     * when the read reached one.
     */
    Optional<Latest> latest(String conversationId, long fromSeq, int limit);

    /**
     * @param header      the conversation, its last seq and activity from {@code newestFirst} when not empty
     * @param newestFirst messages with seq at least the read's {@code fromSeq}, descending
     */
    record Latest(Conversation header, List<Message> newestFirst) {
        public Latest {
            newestFirst = List.copyOf(newestFirst);
        }
    }
}
