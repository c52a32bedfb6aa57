package dev.parley.functions.domain.user;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link UserDirectory} does, run against the in-memory fake and against DynamoDB (moto). */
public abstract class UserDirectoryContract {

    protected abstract UserDirectory directory();

    /** A username no other test touches, so tests can share one table. */
    protected static String newUsername(String name) {
        return name + "-" + UUID.randomUUID();
    }

    @Test
    void a_registered_user_is_found_by_their_exact_username_with_the_username_as_display_name() {
        String alice = newUsername("alice");

        directory().register(alice, "sub-alice");

        assertThat(directory().find(List.of(alice))).containsExactly(new UserProfile(alice, "sub-alice", alice));
    }

    @Test
    void only_exact_usernames_match_not_prefixes_nor_other_cases() {
        String alice = newUsername("alice");
        directory().register(alice, "sub-alice");

        assertThat(directory().find(List.of(alice.substring(0, 8), alice.toUpperCase(), alice + " "))).isEmpty();
    }

    @Test
    void registering_again_keeps_the_display_name_and_follows_a_username_to_its_new_owner() {
        String name = newUsername("sam");
        directory().register(name, "sub-old");

        directory().register(name, "sub-new");

        assertThat(directory().find(List.of(name))).containsExactly(new UserProfile(name, "sub-new", name));
    }

    @Test
    void a_users_name_is_found_by_their_id_until_they_remove_it_and_a_name_reused_follows_its_new_owner() {
        String alice = newUsername("alice");
        String sam = newUsername("sam");
        String aliceId = "sub-" + UUID.randomUUID();
        String samOld = "sub-" + UUID.randomUUID();
        String samNew = "sub-" + UUID.randomUUID();
        directory().register(alice, aliceId);
        directory().register(sam, samOld);

        assertThat(directory().usernames(List.of(aliceId, samOld, "sub-nobody"))).isEqualTo(Map.of(aliceId, alice, samOld, sam));

        directory().remove(sam, samOld);
        directory().register(sam, samNew);
        assertThat(directory().usernames(List.of(aliceId, samOld, samNew))).isEqualTo(Map.of(aliceId, alice, samNew, sam));
        assertThat(directory().find(List.of(sam))).extracting(UserProfile::userId).containsExactly(samNew);
    }

    @Test
    void unknown_usernames_are_simply_absent() {
        String alice = newUsername("alice");
        String bob = newUsername("bob");
        directory().register(alice, "sub-alice");
        directory().register(bob, "sub-bob");

        assertThat(directory().find(List.of(bob, newUsername("nobody"), alice)))
                .extracting(UserProfile::userId)
                .containsExactlyInAnyOrder("sub-alice", "sub-bob");
    }
}
