package dev.parley.functions.domain.user;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegisterUserProfileTest {
    private final InMemoryUserDirectory directory = new InMemoryUserDirectory();
    private final RegisterUserProfile registerUserProfile = new RegisterUserProfile(directory);

    @Test
    void a_user_who_connected_can_be_found_by_username() {
        registerUserProfile.register("sub-alice", "alice");

        assertThat(directory.find(List.of("alice"))).containsExactly(new UserProfile("alice", "sub-alice", "alice"));
    }

    @Test
    void a_connect_without_a_username_is_a_bug_in_the_authorizer_not_a_silent_skip() {
        assertThatThrownBy(() -> registerUserProfile.register("sub-alice", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
