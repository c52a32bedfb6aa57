package dev.parley.functions.domain.delivery;

import java.util.List;

/**
 * Port: posts one frame to many sockets in parallel. A socket that is gone (410) is forgotten at
 * once and the others still get the frame; throttling and server errors are retried with backoff.
 * Delivery is best effort: sync is the source of truth, so a failed post is counted, not thrown.
 */
public interface EventPublisher {

    DeliveryReport publish(List<Recipient> to, String frameJson);
}
