package dev.parley.cli;

import dev.parley.client.ParleyApi;
import dev.parley.model.v1.UserMatch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Usernames for user ids, learned from findUsers (the protocol names people by id). */
final class Names {
    private final Map<String, String> byId = new ConcurrentHashMap<>();
    private final Map<String, String> byName = new ConcurrentHashMap<>();

    void learn(String username, String userId) {
        byId.put(userId, username);
        byName.put(username, userId);
    }

    /** Looks the usernames up in one findUsers call (at most 25, a documented limit). */
    void lookUp(ParleyApi api, List<String> usernames) throws Exception {
        if (usernames.isEmpty()) {
            return;
        }
        for (UserMatch match : api.findUsers(usernames.subList(0, Math.min(25, usernames.size())))
                .get(30, TimeUnit.SECONDS).users()) {
            learn(match.username(), match.userId());
        }
    }

    String of(String userId) {
        String name = byId.get(userId);
        return name != null ? name : userId.substring(0, Math.min(8, userId.length()));
    }

    Optional<String> idOf(String username) {
        return Optional.ofNullable(byName.get(username));
    }
}
