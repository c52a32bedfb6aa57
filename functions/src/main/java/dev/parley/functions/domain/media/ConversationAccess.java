package dev.parley.functions.domain.media;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.ConversationTail;
import dev.parley.functions.domain.conversation.ConversationTails;
import dev.parley.functions.domain.conversation.ConversationTails.Read;

/**
 * The membership check of the media actions. It reads the conversation's header (members, E2EE),
 * not the caller's member row: the header's member set is the authority on membership, and
 * requestUpload needs its E2EE flag anyway. One Query of one item, eventually consistent (half a
 * read unit); a refusal is confirmed by a consistent read first, so a member added a moment ago
 * is not turned away.
 */
final class ConversationAccess {
    private final ConversationTails messages;

    ConversationAccess(ConversationTails messages) {
        this.messages = messages;
    }

    /** The header, or the same NOT_FOUND for an unknown conversation and for one the caller is not in. */
    ConversationTail requireMember(String userId, String conversationId) {
        ConversationId.require(conversationId);
        return messages.tail(conversationId, 0, Read.EVENTUALLY_CONSISTENT)
                .filter(tail -> tail.hasMember(userId))
                .or(() -> messages.tail(conversationId, 0, Read.CONSISTENT).filter(tail -> tail.hasMember(userId)))
                .orElseThrow(() -> new FailureException(new Failure.ConversationNotFound(conversationId)));
    }
}
