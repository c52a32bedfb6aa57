package dev.parley.functions.domain.viewing;

import java.time.Instant;

/**
 * Port: the last {@code conversationActivity} each socket was sent per conversation, claimed atomically
 * so that two fan-outs running at once send one event, not two.
 */
public interface ActivityThrottle {

    /**
     * Records that an activity event for {@code conversationId} goes to the socket at {@code now}, if the
     * last one recorded is not after {@code lastAllowed} (or there is none). The DynamoDB adapter: one
     * conditional UpdateItem of the user's connections item, which also fails for a socket without an entry.
     *
     * @return true when the caller may send the event; false when another was sent too recently or the
     *         socket is gone
     */
    boolean claim(String userId, String connectionId, String conversationId, Instant now, Instant lastAllowed);
}
