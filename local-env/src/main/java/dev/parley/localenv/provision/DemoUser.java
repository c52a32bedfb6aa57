package dev.parley.localenv.provision;

import java.util.List;

/**
 * A demo user created in every local user pool, so ./parley token and the tests can sign in.
 * This is the one list of them: endpoints.json, the banner and the README read it from here.
 *
 * @param name     the sign-in name, unless the pool signs in by email (then {@link #email()})
 * @param password meets Cognito's default password policy (length 8, upper, lower, digit, symbol)
 */
public record DemoUser(String name, String password) {
    private static final String PASSWORD = "Parley-demo-1!";

    public static final List<DemoUser> ALL = List.of(
            new DemoUser("alice", PASSWORD),
            new DemoUser("bob", PASSWORD),
            new DemoUser("carol", PASSWORD));

    /** A verified address in the reserved example.com domain: nothing is ever sent to it. */
    public String email() {
        return name + "@example.com";
    }

    /** What the user signs in with: the username, as the pool expects it. */
    public record Login(String username, String password) {
    }
}
