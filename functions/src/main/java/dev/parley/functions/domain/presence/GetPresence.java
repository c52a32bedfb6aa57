package dev.parley.functions.domain.presence;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.user.UserSettings;
import dev.parley.model.Limits;
import dev.parley.model.v1.GetPresenceReply;
import dev.parley.model.v1.PresenceInfo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Use case: the presence of up to {@link Limits#MAX_PRESENCE_USERS} users. Only contacts (people
 * who share a conversation with the caller) who do not hide their presence are in the reply; the
 * others are left out, so a hidden user and a stranger look the same. Online means a live socket
 * now; otherwise offline, with the last seen time when one was recorded.
 *
 * <p>Cost: {@link Contacts} + 1 BatchGetItem of settings + 1 of connections + 1 of presence items.
 */
public final class GetPresence {
    private final Contacts contacts;
    private final UserSettings settings;
    private final LiveConnections live;
    private final PresenceRecords records;

    public GetPresence(Contacts contacts, UserSettings settings, LiveConnections live, PresenceRecords records) {
        this.contacts = contacts;
        this.settings = settings;
        this.live = live;
        this.records = records;
    }

    public GetPresenceReply get(Actor actor, Command command) {
        List<String> userIds = RequestFields.required(command.userIds(), "userIds");
        if (userIds.isEmpty() || userIds.size() > Limits.MAX_PRESENCE_USERS) {
            throw RequestFields.badRequest("Field \"userIds\" must hold 1 to " + Limits.MAX_PRESENCE_USERS + " user ids.");
        }
        if (userIds.stream().anyMatch(id -> id == null || id.isBlank())) {
            throw RequestFields.badRequest("Field \"userIds\" must hold user ids.");
        }
        Set<String> known = contacts.of(actor.userId());
        Set<String> wanted = new LinkedHashSet<>(userIds);
        wanted.retainAll(known);
        if (wanted.isEmpty()) {
            return new GetPresenceReply(List.of());
        }
        Map<String, UserSettings.Settings> visibility = settings.of(wanted);
        wanted.removeIf(userId -> !visibility.get(userId).presenceVisible());
        Set<String> online = live.of(wanted).stream().map(Recipient::userId).collect(Collectors.toSet());
        List<String> offline = wanted.stream().filter(userId -> !online.contains(userId)).toList();
        Map<String, Long> lastSeen = offline.isEmpty() ? Map.of() : records.lastSeen(offline);
        List<PresenceInfo> presence = new ArrayList<>();
        for (String userId : wanted) {
            presence.add(online.contains(userId)
                    ? new PresenceInfo(userId, "online", null)
                    : new PresenceInfo(userId, "offline", lastSeen.get(userId)));
        }
        return new GetPresenceReply(presence);
    }

    /** What the caller asks for: the {@code getPresence} action's fields, as the handler read them. */
    public record Command(List<String> userIds) {
    }
}
