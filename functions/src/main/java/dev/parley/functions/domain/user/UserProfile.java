package dev.parley.functions.domain.user;

/** What others may learn about a user from the exact username: the id to address them by, and a name to show. */
public record UserProfile(String username, String userId, String displayName) {
}
