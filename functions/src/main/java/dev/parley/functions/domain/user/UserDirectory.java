package dev.parley.functions.domain.user;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Port: users by exact username. It offers no listing or prefix search, so nobody can enumerate users. */
public interface UserDirectory {

    /**
     * Records that {@code username} belongs to {@code userId}, replacing a previous owner of the name.
     * A display name already set is kept; a new user's starts as the username.
     */
    void register(String username, String userId);

    /** Removes {@code username}'s entry if it still belongs to {@code userId} (a name reused since is left alone). */
    void remove(String username, String userId);

    /** The users with exactly these usernames; names nobody has are simply absent. */
    List<UserProfile> find(Collection<String> usernames);

    /**
     * The usernames of these user ids, for showing members by name; an id is absent when its user
     * has not signed up, signed in or connected since names were kept by id, or deleted their account.
     */
    Map<String, String> usernames(Collection<String> userIds);
}
