package dev.parley.functions.domain.presence;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The in-memory fake of {@link PresenceRecords}, with the conditions of the DynamoDB adapter. */
public final class InMemoryPresenceRecords implements PresenceRecords {
    private final Map<String, Boolean> online = new HashMap<>();
    private final Map<String, Long> lastSeen = new HashMap<>();

    @Override
    public synchronized boolean markOnline(String userId, Instant at) {
        return !Boolean.TRUE.equals(online.put(userId, true));
    }

    @Override
    public synchronized boolean markOffline(String userId, Instant at) {
        if (!Boolean.TRUE.equals(online.get(userId))) {
            return false;
        }
        online.put(userId, false);
        lastSeen.put(userId, at.toEpochMilli());
        return true;
    }

    @Override
    public synchronized Map<String, Long> lastSeen(Collection<String> userIds) {
        Map<String, Long> found = new HashMap<>();
        userIds.stream().filter(lastSeen::containsKey).forEach(userId -> found.put(userId, lastSeen.get(userId)));
        return found;
    }
}
