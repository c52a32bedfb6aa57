package dev.parley.functions.domain.user;

import dev.parley.functions.domain.Actor;
import dev.parley.model.v1.SettingsReply;

/**
 * Use case: changes the fields given and returns all settings as they are now. One UpdateItem.
 * Hiding presence takes effect for every later getPresence and presence event; contacts are not
 * told, so the status they last saw simply stops changing.
 */
public final class UpdateSettings {
    private final UserSettings settings;

    public UpdateSettings(UserSettings settings) {
        this.settings = settings;
    }

    public SettingsReply update(Actor actor, Command command) {
        UserSettings.Settings now = settings.update(actor.userId(), command.presenceVisible(), command.pushPreview());
        return new SettingsReply(now.presenceVisible(), now.pushPreview());
    }

    /** What the caller asks for: the {@code updateSettings} action's fields, as the handler read them. */
    public record Command(Boolean presenceVisible, Boolean pushPreview) {
    }
}
