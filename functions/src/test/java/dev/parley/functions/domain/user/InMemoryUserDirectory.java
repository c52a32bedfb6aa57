package dev.parley.functions.domain.user;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory fake of {@link UserDirectory}; {@link UserDirectoryContract} holds it to the real one's behaviour. */
public final class InMemoryUserDirectory implements UserDirectory {
    private final Map<String, UserProfile> byUsername = new ConcurrentHashMap<>();

    @Override
    public void register(String username, String userId) {
        byUsername.compute(username, (name, known) ->
                new UserProfile(name, userId, known == null ? name : known.displayName()));
    }

    @Override
    public void remove(String username, String userId) {
        byUsername.computeIfPresent(username, (name, known) -> known.userId().equals(userId) ? null : known);
    }

    @Override
    public List<UserProfile> find(Collection<String> usernames) {
        return usernames.stream().distinct().map(byUsername::get).filter(Objects::nonNull).toList();
    }

    @Override
    public java.util.Map<String, String> usernames(Collection<String> userIds) {
        java.util.Set<String> wanted = java.util.Set.copyOf(userIds);
        java.util.Map<String, String> names = new java.util.HashMap<>();
        byUsername.values().stream().filter(profile -> wanted.contains(profile.userId()))
                .forEach(profile -> names.put(profile.userId(), profile.username()));
        return names;
    }
}
