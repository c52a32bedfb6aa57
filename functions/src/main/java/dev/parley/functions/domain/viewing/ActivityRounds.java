package dev.parley.functions.domain.viewing;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: at most one round of {@code conversationActivity} per large conversation per
 * {@link ConversationActivity#INTERVAL}. A round walks every member's connections (M/100
 * BatchGetItems), so it is what a message into a large conversation would cost were it made for
 * each; within a round's interval no member not viewing could be told anything anyway.
 *
 * <p>The claim hands back the round it replaces, which {@link ActivityHints} compares each socket
 * against so a socket with a hint outstanding is not told again.
 *
 * <p>The DynamoDB adapter: one conditional UpdateItem of the conversation's round item in the
 * viewers table (1 write unit, refused or not), returning the old time and seq in the same call.
 */
public interface ActivityRounds {

    /**
     * Claims a round at {@code now}, telling of {@code seq}, if the last one was not after {@code lastAllowed}.
     *
     * @return empty when refused (another round runs); otherwise the caller runs the round
     */
    Optional<Claim> claim(String conversationId, long seq, Instant now, Instant lastAllowed);

    /** A round: when it was claimed and the seq it told of. */
    record Round(Instant at, long seq) {
    }

    /** @param previous the round this claim replaced; null for the conversation's first (or an item without a seq) */
    record Claim(Round previous) {
    }
}
