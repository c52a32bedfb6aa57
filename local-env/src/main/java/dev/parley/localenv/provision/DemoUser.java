package dev.parley.localenv.provision;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A demo user created in every local user pool, so ./parley token and the tests can sign in.
 * This is the one list of them: endpoints.json, the banner and the README read it from here.
 *
 * @param name     the sign-in name, unless the pool signs in by email (then {@link #email()})
 * @param password meets Cognito's default password policy (length 8, upper, lower, digit, symbol)
 * @param totp     enrolled in TOTP MFA: signing in answers a SOFTWARE_TOKEN_MFA challenge
 */
public record DemoUser(String name, String password, boolean totp) {
    private static final String PASSWORD = "Parley-demo-1!";

    public static final List<DemoUser> ALL = List.of(
            new DemoUser("alice", PASSWORD, false),
            new DemoUser("bob", PASSWORD, false),
            new DemoUser("carol", PASSWORD, false),
            new DemoUser("dave", PASSWORD, true));

    /** A verified address in the reserved example.com domain: nothing is ever sent to it. */
    public String email() {
        return name + "@example.com";
    }

    /**
     * What the user signs in with: the username, as the pool expects it; for a TOTP user also
     * {@code mfa} "TOTP" and the base32 secret to compute the codes from (locally always moto's
     * fixed one, see docs/local-env.md). Both are left out of endpoints.json for the others.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Login(String username, String password, String mfa, String totpSecret) {
        public static final String TOTP = "TOTP";

        public Login(String username, String password) {
            this(username, password, null, null);
        }
    }
}
