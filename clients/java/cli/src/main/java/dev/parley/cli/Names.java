package dev.parley.cli;

import dev.parley.client.ParleyApi;
import dev.parley.client.ParleyException;
import dev.parley.model.v1.UserMatch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Usernames for user ids, learned from findUsers (the protocol names people by id). */
final class Names {
    private final Map<String, String> byId = new ConcurrentHashMap<>();
    private final Map<String, String> byName = new ConcurrentHashMap<>();

    void learn(String username, String userId) {
        byId.put(userId, username);
        byName.put(username, userId);
    }

    /**
     * Looks the usernames up in one findUsers call (at most 25, a documented limit). findUsers is
     * limited to 30 calls a minute per user: a RATE_LIMITED answer is retried after a backoff,
     * within about a minute.
     */
    void lookUp(ParleyApi api, List<String> usernames) throws Exception {
        if (usernames.isEmpty()) {
            return;
        }
        List<String> batch = usernames.subList(0, Math.min(25, usernames.size()));
        for (long delay = 2_000; ; delay *= 2) {
            try {
                for (UserMatch match : api.findUsers(batch).get(30, TimeUnit.SECONDS).users()) {
                    learn(match.username(), match.userId());
                }
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof ParleyException p && p.retryable()) || delay > 32_000) {
                    throw e;
                }
                Thread.sleep(delay);
            }
        }
    }

    /** The users' ids, looking up the names not known yet; an unknown name is an IllegalArgumentException. */
    List<String> ids(ParleyApi api, List<String> usernames) throws Exception {
        lookUp(api, usernames.stream().filter(name -> idOf(name).isEmpty()).toList());
        List<String> ids = new java.util.ArrayList<>();
        for (String username : usernames) {
            ids.add(idOf(username).orElseThrow(() -> new IllegalArgumentException("no user named " + username)));
        }
        return ids;
    }

    String of(String userId) {
        String name = byId.get(userId);
        return name != null ? name : userId.substring(0, Math.min(8, userId.length()));
    }

    Optional<String> idOf(String username) {
        return Optional.ofNullable(byName.get(username));
    }
}
