package dev.parley.functions.domain.media;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.ConversationTail;
import dev.parley.functions.domain.conversation.ConversationTails;
import dev.parley.functions.domain.conversation.ConversationTails.Read;
import dev.parley.functions.domain.conversation.MemberRows;

/**
 * The membership check of the media actions. It reads the conversation's header (members, E2EE):
 * in a small conversation the header's member set is the authority on membership, and
 * requestUpload needs its E2EE flag anyway. One Query of one item, eventually consistent (half a
 * read unit). A large conversation's header lists nobody, so there the caller's member row is read
 * too (one GetItem). A refusal is confirmed by consistent reads first, so a member added a moment
 * ago is not turned away.
 */
final class ConversationAccess {
    private final ConversationTails messages;
    private final MemberRows rows;

    ConversationAccess(ConversationTails messages, MemberRows rows) {
        this.messages = messages;
        this.rows = rows;
    }

    /** The header, or the same NOT_FOUND for an unknown conversation and for one the caller is not in. */
    ConversationTail requireMember(String userId, String conversationId) {
        ConversationId.require(conversationId);
        return messages.tail(conversationId, 0, Read.EVENTUALLY_CONSISTENT)
                .filter(tail -> admits(tail, userId, Read.EVENTUALLY_CONSISTENT))
                .or(() -> messages.tail(conversationId, 0, Read.CONSISTENT).filter(tail -> admits(tail, userId, Read.CONSISTENT)))
                .orElseThrow(() -> new FailureException(new Failure.ConversationNotFound(conversationId)));
    }

    private boolean admits(ConversationTail tail, String userId, Read read) {
        return tail.hasMember(userId) || tail.large() && rows.has(userId, tail.conversationId(), read);
    }
}
