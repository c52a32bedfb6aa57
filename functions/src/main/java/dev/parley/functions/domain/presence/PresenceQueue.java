package dev.parley.functions.domain.presence;

/** Port: the queue between $connect/$disconnect and the presence worker. */
public interface PresenceQueue {

    /** Enqueues the change, delivered to the worker after {@code delaySeconds}. */
    void send(PresenceChange change, int delaySeconds);
}
