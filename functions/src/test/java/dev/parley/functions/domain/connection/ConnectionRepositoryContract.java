package dev.parley.functions.domain.connection;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ConnectionRepository} does, run against the in-memory fake and against
 * DynamoDB (moto), so the fake used by fast tests cannot drift from the real store.
 */
public abstract class ConnectionRepositoryContract {
    protected static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");

    protected abstract ConnectionRepository repository();

    /** A user no other test touches, so tests can share one table. */
    protected static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    @Test
    void a_saved_connection_is_found_with_its_device_and_times() {
        String user = newUser();
        Connection connection = Connection.opened("AAAAAAAAAAAAAAA=", user, "iphone", NOW);

        repository().save(connection);

        assertThat(repository().findLive(List.of(user), NOW)).containsExactly(connection);
    }

    @Test
    void a_removed_connection_is_no_longer_found() {
        String user = newUser();
        repository().save(Connection.opened("AAAAAAAAAAAAAAA=", user, "iphone", NOW));

        repository().remove(user, "AAAAAAAAAAAAAAA=");

        assertThat(repository().findLive(List.of(user), NOW)).isEmpty();
    }

    @Test
    void removing_a_connection_that_is_not_there_is_harmless() {
        String user = newUser();
        repository().save(Connection.opened("AAAAAAAAAAAAAAA=", user, "iphone", NOW));

        repository().remove(user, "BBBBBBBBBBBBBBB=");
        repository().remove(newUser(), "AAAAAAAAAAAAAAA=");

        assertThat(repository().findLive(List.of(user), NOW)).hasSize(1);
    }

    @Test
    void every_device_of_a_user_keeps_its_own_connection() {
        String user = newUser();
        Connection phone = Connection.opened("PPPPPPPPPPPPPPP=", user, "phone", NOW);
        Connection laptop = Connection.opened("LLLLLLLLLLLLLLL=", user, "laptop", NOW.plusSeconds(5));
        repository().save(phone);
        repository().save(laptop);

        repository().remove(user, phone.connectionId());

        assertThat(repository().findLive(List.of(user), NOW.plusSeconds(10))).containsExactly(laptop);
    }

    @Test
    void connections_of_several_users_are_found_together() {
        String alice = newUser();
        String bob = newUser();
        Connection alicePhone = Connection.opened("AAAAAAAAAAAAAAA=", alice, "phone", NOW);
        Connection bobPhone = Connection.opened("BBBBBBBBBBBBBBB=", bob, "phone", NOW);
        repository().save(alicePhone);
        repository().save(bobPhone);

        assertThat(repository().findLive(List.of(alice, bob, newUser()), NOW))
                .containsExactlyInAnyOrder(alicePhone, bobPhone);
    }

    @Test
    void an_entry_past_its_expiry_is_ignored_though_the_item_is_still_there() {
        String user = newUser();
        Connection lost = Connection.opened("OOOOOOOOOOOOOOO=", user, "old-phone", NOW.minus(Duration.ofHours(3)));
        Connection fresh = Connection.opened("NNNNNNNNNNNNNNN=", user, "new-phone", NOW);
        repository().save(lost);
        repository().save(fresh);

        assertThat(repository().findLive(List.of(user), NOW)).containsExactly(fresh);
    }

    @Test
    void one_users_live_connections_are_found_by_user_alone() {
        String user = newUser();
        Connection lost = Connection.opened("OOOOOOOOOOOOOOO=", user, "old-phone", NOW.minus(Duration.ofHours(3)));
        Connection phone = Connection.opened("PPPPPPPPPPPPPPP=", user, "phone", NOW);
        Connection laptop = Connection.opened("LLLLLLLLLLLLLLL=", user, "laptop", NOW);
        repository().save(lost);
        repository().save(phone);
        repository().save(laptop);
        repository().save(Connection.opened("BBBBBBBBBBBBBBB=", newUser(), "phone", NOW));

        assertThat(repository().findLive(user, NOW)).containsExactlyInAnyOrder(phone, laptop);
        assertThat(repository().findLive(newUser(), NOW)).isEmpty();
    }
}
