package dev.parley.functions.domain.conversation;

import java.util.Optional;

/**
 * Port: the end of each conversation's timeline, its header and newest messages, as one read.
 * Split out of the message repository so a feature that only checks membership or reads the last
 * seq (media, receipts, typing, sync) does not depend on the message feature.
 */
public interface ConversationTails {

    /**
     * The conversation's header and its {@code recentMessages} newest messages, in one read; empty
     * when there is no such conversation. An eventually consistent read may lag a recent write:
     * its {@code lastSeq} is then too low, never too high.
     */
    Optional<ConversationTail> tail(String conversationId, int recentMessages, Read read);

    enum Read { EVENTUALLY_CONSISTENT, CONSISTENT }
}
