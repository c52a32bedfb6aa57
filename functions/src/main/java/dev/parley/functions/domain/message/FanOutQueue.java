package dev.parley.functions.domain.message;

/** Port: the fan-out queue, whose worker ({@link DeliverFanOutPage}) posts a large conversation's messages a page at a time. */
public interface FanOutQueue {

    void enqueue(FanOutJob job);
}
