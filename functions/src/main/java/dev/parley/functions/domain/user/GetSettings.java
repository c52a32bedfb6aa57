package dev.parley.functions.domain.user;

import dev.parley.functions.domain.Actor;
import dev.parley.model.v1.SettingsReply;

/** Use case: the caller's settings (defaults until changed). One GetItem. */
public final class GetSettings {
    private final UserSettings settings;

    public GetSettings(UserSettings settings) {
        this.settings = settings;
    }

    public SettingsReply get(Actor actor) {
        UserSettings.Settings current = settings.of(actor.userId());
        return new SettingsReply(current.presenceVisible(), current.pushPreview());
    }
}
