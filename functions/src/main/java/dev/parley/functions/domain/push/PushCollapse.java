package dev.parley.functions.domain.push;

import java.time.Instant;

/**
 * Port: at most one mention or reply push per member and large conversation per window, decided by
 * one conditional write that every push worker sees (the DynamoDB adapter: the rate limits table,
 * one item per member and conversation, deleted by the table's TTL once the window is over).
 */
public interface PushCollapse {

    /**
     * Claims the member's push of the conversation for the message at {@code seq} until {@code until}.
     *
     * @return true when no claim of another message holds at {@code now}; a claim of the same {@code seq}
     *         (the job run again after a failed publish) is granted again
     */
    boolean claim(String conversationId, String userId, long seq, Instant now, Instant until);
}
