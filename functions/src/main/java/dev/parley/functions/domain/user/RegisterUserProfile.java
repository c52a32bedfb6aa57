package dev.parley.functions.domain.user;

/**
 * Use case: on every connect, and from the user pool trigger at sign-up and every sign-in, make the
 * user findable by their username and named by their id (listMembers). Cognito is the source of
 * the username; repeating the upsert keeps the directory right after a username is reused.
 */
public final class RegisterUserProfile {
    private final UserDirectory directory;

    public RegisterUserProfile(UserDirectory directory) {
        this.directory = directory;
    }

    public void register(String userId, String username) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("the authorizer vouches for a username with every user id");
        }
        directory.register(username, userId);
    }
}
