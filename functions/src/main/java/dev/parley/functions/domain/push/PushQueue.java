package dev.parley.functions.domain.push;

/** Port: the queue between the send path and the push worker (SQS). */
public interface PushQueue {

    /** Puts the job on the queue; throws when the queue refused it. */
    void enqueue(PushJob job);
}
