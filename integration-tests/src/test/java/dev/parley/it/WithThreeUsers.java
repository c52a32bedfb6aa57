package dev.parley.it;

import dev.parley.it.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the tests that need three signed-in users. Locally they are the demo users alice, bob
 * and carol; against a deployed stage, the first three of PARLEY_TEST_USERS.
 */
abstract class WithThreeUsers {
    static TestUser alice;
    static TestUser bob;
    static TestUser carol;

    @BeforeAll
    static void signInThreeUsers() {
        alice = TestUsers.user(0);
        bob = TestUsers.user(1);
        carol = TestUsers.user(2);
    }
}
