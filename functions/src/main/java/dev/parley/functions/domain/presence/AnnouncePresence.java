package dev.parley.functions.domain.presence;

import dev.parley.functions.domain.connection.ConnectionEvents;
import dev.parley.functions.log.JsonLogger;
import dev.parley.model.Limits;

import java.time.Clock;
import java.time.Instant;

/**
 * Domain service of $connect and $disconnect: hands presence transitions to the presence worker,
 * off the socket's path. $connect records the user online with one conditional write and enqueues
 * {@code online} only when that changed the state (a second device, or a reconnect within the
 * debounce, changes nothing). $disconnect of a user's last live socket enqueues an
 * {@code offlineCheck} delayed by {@link Limits#PRESENCE_DEBOUNCE_SECONDS}: if the user is back by
 * then, nobody hears of the gap. Failures are logged and never fail the connect or disconnect.
 */
public final class AnnouncePresence implements ConnectionEvents {
    private static final JsonLogger LOG = JsonLogger.of(AnnouncePresence.class);

    private final PresenceRecords records;
    private final PresenceQueue queue;
    private final Clock clock;

    public AnnouncePresence(PresenceRecords records, PresenceQueue queue, Clock clock) {
        this.records = records;
        this.queue = queue;
        this.clock = clock;
    }

    /** Presence off: a deployment without PRESENCE_QUEUE_URL. Connect and disconnect do nothing more. */
    public static AnnouncePresence off() {
        return new AnnouncePresence(null, null, Clock.systemUTC());
    }

    @Override
    public void connected(String userId) {
        if (queue == null) {
            return;
        }
        Instant now = clock.instant();
        try {
            if (records.markOnline(userId, now)) {
                queue.send(new PresenceChange(userId, PresenceChange.Kind.ONLINE, now), 0);
            }
        } catch (RuntimeException e) {
            LOG.error("presence not announced", JsonLogger.fields("userId", userId, "kind", "online"), e);
        }
    }

    @Override
    public void disconnected(String userId, boolean stillLive) {
        if (queue == null || stillLive) {
            return;
        }
        try {
            queue.send(new PresenceChange(userId, PresenceChange.Kind.OFFLINE_CHECK, clock.instant()),
                    Limits.PRESENCE_DEBOUNCE_SECONDS);
        } catch (RuntimeException e) {
            LOG.error("presence not announced", JsonLogger.fields("userId", userId, "kind", "offlineCheck"), e);
        }
    }
}
