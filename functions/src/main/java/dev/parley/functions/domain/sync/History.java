package dev.parley.functions.domain.sync;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.ConversationTail;
import dev.parley.functions.domain.message.Message;
import dev.parley.functions.domain.conversation.ConversationTails;
import dev.parley.functions.domain.conversation.MemberRows;
import dev.parley.model.Limits;
import dev.parley.model.v1.HistoryReply;

import java.util.List;
import java.util.Optional;

/**
 * Use case: a page of a conversation's messages before a seq (the newest when none is given),
 * oldest first. Seqs are gapless from 1, so older messages exist exactly when the page's first
 * seq is above 1: no extra item is read to tell. Cost: the header (membership check, 1 Query of
 * one item, eventually consistent, re-read consistently before refusing) + 1 Query of the page.
 */
public final class History {
    private final ConversationTails messages;
    private final Timeline timeline;
    private final MemberRows rows;

    /** @param rows membership in large conversations ({@link MemberRows#none()} where there are none) */
    public History(ConversationTails messages, Timeline timeline, MemberRows rows) {
        this.rows = rows;
        this.messages = messages;
        this.timeline = timeline;
    }

    public HistoryReply history(Actor actor, Command command) {
        String conversationId = ConversationId.require(command.conversationId());
        int limit = limit(command.limit());
        if (command.beforeSeq() != null && command.beforeSeq() < 1) {
            throw RequestFields.badRequest("Field \"beforeSeq\" must be at least 1.");
        }
        requireMember(messages, rows, actor.userId(), conversationId);
        List<Message> page = timeline.before(conversationId,
                command.beforeSeq() == null ? Long.MAX_VALUE : command.beforeSeq(), limit);
        return new HistoryReply(conversationId, page.stream().map(message -> message.toEventFor(actor.userId(), actor.deviceId())).toList(),
                !page.isEmpty() && page.getFirst().seq() > 1);
    }

    /** A page size: absent means {@link Limits#DEFAULT_HISTORY_PAGE}; outside 1..{@link Limits#MAX_HISTORY_PAGE} is BAD_REQUEST. */
    static int limit(Integer limit) {
        int value = limit == null ? Limits.DEFAULT_HISTORY_PAGE : limit;
        if (value < 1 || value > Limits.MAX_HISTORY_PAGE) {
            throw RequestFields.badRequest("Field \"limit\" must be 1 to " + Limits.MAX_HISTORY_PAGE + ".");
        }
        return value;
    }

    /**
     * The conversation's header and latest message if the user is a member (the header of a small
     * conversation, the user's row in a large one); otherwise NOT_FOUND, the same for an unknown
     * conversation. A refusal is confirmed by consistent reads first.
     */
    public static ConversationTail requireMember(ConversationTails messages, MemberRows rows, String userId, String conversationId) {
        Optional<ConversationTail> tail = messages.tail(conversationId, 1, ConversationTails.Read.EVENTUALLY_CONSISTENT)
                .filter(found -> found.hasMember(userId)
                        || found.large() && rows.has(userId, conversationId, ConversationTails.Read.EVENTUALLY_CONSISTENT));
        if (tail.isEmpty()) {
            tail = messages.tail(conversationId, 1, ConversationTails.Read.CONSISTENT).filter(found -> found.hasMember(userId)
                    || found.large() && rows.has(userId, conversationId, ConversationTails.Read.CONSISTENT));
        }
        return tail.orElseThrow(() -> new FailureException(new Failure.ConversationNotFound(conversationId)));
    }

    /** What the caller asks for: the {@code history} action's fields, as the handler read them. */
    public record Command(String conversationId, Long beforeSeq, Integer limit) {
    }
}
