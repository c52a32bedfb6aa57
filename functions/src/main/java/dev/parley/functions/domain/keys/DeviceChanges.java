package dev.parley.functions.domain.keys;

import dev.parley.functions.log.JsonLogger;

/**
 * Port: hands a device change to the queue worker that tells the user's contacts, off the request
 * path (their number grows with the user's conversations).
 */
public interface DeviceChanges {

    /** No queue: nobody hears of device changes (a deployment without PRESENCE_QUEUE_URL, tests). */
    DeviceChanges NONE = change -> { };

    void announce(DevicesChanged change);

    /**
     * Announces, logging a failure instead of failing the request: the change is stored by then, a
     * retried request would not announce it again, and clients also see it in claimKeys' log head.
     */
    default void announceOrLog(DevicesChanged change) {
        try {
            announce(change);
        } catch (RuntimeException e) {
            JsonLogger.of(DeviceChanges.class).error("devicesChanged not announced",
                    JsonLogger.fields("userId", change.userId(), "seq", change.seq()), e);
        }
    }
}
