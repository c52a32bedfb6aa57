package dev.parley.functions.domain.user;

import java.util.Collection;
import java.util.Map;

/**
 * Port: each user's settings, the {@code #settings} item of the devices table. A user who never
 * changed them has the defaults.
 */
public interface UserSettings {

    /** The user's settings, or the defaults. */
    Settings of(String userId);

    /** The settings of each of these users (the defaults for those without an item); batched reads. */
    Map<String, Settings> of(Collection<String> userIds);

    /** Changes the fields that are not null and returns the settings as they are now. */
    Settings update(String userId, Boolean presenceVisible, Boolean pushPreview);

    /**
     * @param presenceVisible others who share a conversation see online and last seen (default true)
     * @param pushPreview     pushes of conversations that are not E2EE show sender and text (default true)
     */
    record Settings(boolean presenceVisible, boolean pushPreview) {
        public static final Settings DEFAULTS = new Settings(true, true);
    }
}
