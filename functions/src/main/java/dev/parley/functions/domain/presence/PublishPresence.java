package dev.parley.functions.domain.presence;

import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.user.UserSettings;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.PresenceInfo;

import java.util.Set;

/**
 * Use case of the presence worker: one debounced transition. {@code online} is published as is;
 * {@code offlineCheck} publishes offline only if the user has no live socket now and was recorded
 * online (one conditional write records offline and last seen). Publishing goes to the user's
 * contacts' live devices, unless the user hides presence.
 *
 * <p>Cost per published transition grows with the user's conversations ({@link Contacts}) plus one
 * BatchGetItem of connections per 100 contacts; it is paid once per debounced transition, never per
 * socket or per message.
 */
public final class PublishPresence {
    private final PresenceRecords records;
    private final LiveConnections live;
    private final UserSettings settings;
    private final Contacts contacts;
    private final FanOut fanOut;

    public PublishPresence(PresenceRecords records, LiveConnections live, UserSettings settings, Contacts contacts,
                           FanOut fanOut) {
        this.records = records;
        this.live = live;
        this.settings = settings;
        this.contacts = contacts;
        this.fanOut = fanOut;
    }

    /** @return true when the transition was published (or would have been, but the user hides presence) */
    public boolean publish(PresenceChange change) {
        PresenceInfo info;
        if (change.kind() == PresenceChange.Kind.ONLINE) {
            info = new PresenceInfo(change.userId(), "online", null);
        } else {
            if (!live.of(Set.of(change.userId())).isEmpty() || !records.markOffline(change.userId(), change.at())) {
                return false;
            }
            info = new PresenceInfo(change.userId(), "offline", change.at().toEpochMilli());
        }
        if (!settings.of(change.userId()).presenceVisible()) {
            return true;
        }
        Set<String> audience = contacts.of(change.userId());
        if (!audience.isEmpty()) {
            fanOut.send(audience, null, ProtocolCodec.instance().event(Actions.PRESENCE_EVENT, info));
        }
        return true;
    }
}
