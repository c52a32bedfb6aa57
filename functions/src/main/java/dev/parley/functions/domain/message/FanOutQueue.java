package dev.parley.functions.domain.message;

import java.util.List;

/** Port: the fan-out queue, whose worker ({@link DeliverFanOutPage}) posts a large conversation's messages a page at a time. */
public interface FanOutQueue {

    void enqueue(FanOutJob job);

    /** Several jobs at once (the next pages of a message's shards); an adapter may send them in fewer requests. */
    default void enqueueAll(List<FanOutJob> jobs) {
        jobs.forEach(this::enqueue);
    }
}
