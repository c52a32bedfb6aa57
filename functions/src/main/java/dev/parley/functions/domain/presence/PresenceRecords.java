package dev.parley.functions.domain.presence;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Port: each user's last published presence (online or offline, and when last seen). */
public interface PresenceRecords {

    /** Records the user online unless they already are; true when this changed the state. */
    boolean markOnline(String userId, Instant at);

    /** Records the user offline, last seen {@code at}, if they are online; true when this changed the state. */
    boolean markOffline(String userId, Instant at);

    /** When each of these users was last seen, for those who have been offline since a recorded time. */
    Map<String, Long> lastSeen(Collection<String> userIds);
}
