package dev.parley.functions.domain.push;

import dev.parley.functions.domain.user.UserSettings;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Users' settings in a map, for the push use case tests. */
public final class InMemoryUserSettings implements UserSettings {
    private final Map<String, Settings> settings = new HashMap<>();

    @Override
    public synchronized Settings of(String userId) {
        return settings.getOrDefault(userId, Settings.DEFAULTS);
    }

    @Override
    public synchronized Map<String, Settings> of(Collection<String> userIds) {
        Map<String, Settings> found = new HashMap<>();
        userIds.forEach(userId -> found.put(userId, of(userId)));
        return found;
    }

    @Override
    public synchronized Settings update(String userId, Boolean presenceVisible, Boolean pushPreview) {
        Settings now = of(userId);
        Settings updated = new Settings(presenceVisible == null ? now.presenceVisible() : presenceVisible,
                pushPreview == null ? now.pushPreview() : pushPreview);
        settings.put(userId, updated);
        return updated;
    }
}
