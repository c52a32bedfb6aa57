package dev.parley.functions.domain.viewing;

import java.time.Instant;

/**
 * Port: at most one round of {@code conversationActivity} per large conversation per
 * {@link ConversationActivity#INTERVAL}. A round walks every member's connections (M/100
 * BatchGetItems), so it is what a message into a large conversation would cost were it made for
 * each; within a round's interval no member not viewing could be told anything anyway.
 *
 * <p>The DynamoDB adapter: one conditional UpdateItem of the conversation's round item in the
 * viewers table (1 write unit, refused or not).
 */
public interface ActivityRounds {

    /** Claims a round at {@code now} if the last one was not after {@code lastAllowed}; true when the caller runs it. */
    boolean claim(String conversationId, Instant now, Instant lastAllowed);
}
