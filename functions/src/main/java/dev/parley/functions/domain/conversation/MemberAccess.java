package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.model.v1.ConversationSummary;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** What every conversation action starts with: the conversation, if and only if the caller is in it. */
final class MemberAccess {
    /** Attempts of a read-decide-write before contention counts as the table being unavailable. */
    static final int MAX_ATTEMPTS = 5;

    private MemberAccess() {
    }

    /**
     * The conversation, or NOT_FOUND: for an unknown id and for one the caller is not a member of
     * alike, so a non-member cannot even learn that it exists.
     */
    static Conversation requireMember(ConversationRepository repository, String userId, String conversationId,
                                      ConversationRepository.Consistency consistency) {
        return repository.find(conversationId, consistency)
                .filter(conversation -> isMember(repository, conversation, userId, consistency))
                .orElseThrow(() -> new FailureException(new Failure.ConversationNotFound(conversationId)));
    }

    /** A small conversation's header says; a large one's member is who has a row (read consistently before a change). */
    static boolean isMember(ConversationRepository repository, Conversation conversation, String userId,
                            ConversationRepository.Consistency consistency) {
        if (!conversation.large()) {
            return conversation.isMember(userId);
        }
        return consistency == ConversationRepository.Consistency.STRONG
                ? repository.membersAmong(conversation.conversationId(), Set.of(userId)).contains(userId)
                : repository.membership(userId, conversation.conversationId()).isPresent();
    }

    /** The conversation as {@code userId} sees it, with their unread count from their own read cursor. */
    static ConversationSummary summaryFor(ConversationRepository repository, Conversation conversation, String userId) {
        long readSeq = repository.membership(userId, conversation.conversationId()).map(Membership::readSeq).orElse(0L);
        return conversation.summaryFor(userId, readSeq);
    }

    /**
     * Runs {@code attempt} (read, decide, conditional write) until its write applies; an attempt
     * returns empty when the store refused its write because the conversation changed meanwhile.
     */
    static <T> T untilApplied(Supplier<Optional<T>> attempt) {
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            Optional<T> result = attempt.get();
            if (result.isPresent()) {
                return result.get();
            }
        }
        throw new FailureException(new Failure.Unavailable("conversation header (concurrent changes)"));
    }
}
