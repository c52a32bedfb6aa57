package dev.parley.functions.domain.user;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.ratelimit.InMemoryRateLimiter;
import dev.parley.functions.domain.ratelimit.PerMinuteLimit;
import dev.parley.model.Limits;
import dev.parley.model.v1.FindUsersReply;
import dev.parley.model.v1.UserMatch;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FindUsersTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:30Z");
    private static final Actor ALICE = new Actor("sub-alice", "phone", "conn-alice");
    private static final Actor BOB = new Actor("sub-bob", "pixel", "conn-bob");

    private final InMemoryUserDirectory directory = new InMemoryUserDirectory();
    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter();

    FindUsersTest() {
        directory.register("alice", "sub-alice");
        directory.register("bob", "sub-bob");
        directory.register("Carol", "sub-carol");
    }

    private FindUsers at(Instant now) {
        return new FindUsers(directory, new PerMinuteLimit("findUsers", Limits.FIND_USERS_PER_MINUTE, limiter,
                Clock.fixed(now, ZoneOffset.UTC)));
    }

    private FindUsersReply find(Actor actor, String... usernames) {
        return at(NOW).find(actor, new FindUsers.Command(List.of(usernames)));
    }

    private static Failure failureOf(ThrowableAssert.ThrowingCallable call) {
        return catchThrowableOfType(FailureException.class, call).failure();
    }

    @Test
    void exact_usernames_become_user_ids_and_display_names_in_the_order_asked() {
        assertThat(find(ALICE, "bob", "Carol").users()).containsExactly(
                new UserMatch("bob", "sub-bob", "bob"), new UserMatch("Carol", "sub-carol", "Carol"));
    }

    @Test
    void nothing_but_exact_matches_so_nobody_can_walk_the_directory() {
        assertThat(find(ALICE, "bo", "b*", "carol", "%", "nobody").users()).isEmpty();
    }

    @Test
    void a_name_asked_twice_is_answered_once() {
        assertThat(find(ALICE, "bob", "bob").users()).hasSize(1);
    }

    @Test
    void the_31st_call_of_a_minute_is_rate_limited_and_the_next_minute_is_open_again() {
        IntStream.range(0, 30).forEach(i -> find(ALICE, "bob"));

        assertThat(failureOf(() -> find(ALICE, "bob"))).isEqualTo(new Failure.RateLimited("findUsers", 30));
        assertThat(find(BOB, "alice").users()).hasSize(1);
        assertThat(at(NOW.plusSeconds(30)).find(ALICE, new FindUsers.Command(List.of("bob"))).users()).hasSize(1);
    }

    @Test
    void exactly_30_calls_pass_in_a_calendar_minute_the_31st_is_refused_to_its_last_millisecond_and_the_next_starts_fresh() {
        Instant minute = NOW.truncatedTo(ChronoUnit.MINUTES);
        Instant next = minute.plusSeconds(60);
        IntStream.range(0, 30).forEach(i -> at(minute.plusSeconds(2L * i)).find(ALICE, new FindUsers.Command(List.of("bob"))));

        assertThat(failureOf(() -> at(next.minusMillis(1)).find(ALICE, new FindUsers.Command(List.of("bob")))))
                .isEqualTo(new Failure.RateLimited("findUsers", 30));
        IntStream.range(0, 30).forEach(i -> at(next.plusMillis(i)).find(ALICE, new FindUsers.Command(List.of("bob"))));
        assertThat(failureOf(() -> at(next.plusSeconds(59)).find(ALICE, new FindUsers.Command(List.of("bob")))))
                .isEqualTo(new Failure.RateLimited("findUsers", 30));
    }

    @Test
    void up_to_25_usernames_a_call_and_at_least_one() {
        List<String> names25 = IntStream.range(0, 25).mapToObj(i -> "user" + i).toList();
        List<String> names26 = IntStream.range(0, 26).mapToObj(i -> "user" + i).toList();

        assertThat(at(NOW).find(ALICE, new FindUsers.Command(names25)).users()).isEmpty();
        assertThat(failureOf(() -> at(NOW).find(ALICE, new FindUsers.Command(names26))))
                .isEqualTo(new Failure.BadRequest("Field \"usernames\" must name 1 to 25 usernames."));
        assertThat(failureOf(() -> find(ALICE))).isInstanceOf(Failure.BadRequest.class);
    }

    @Test
    void a_missing_list_or_a_blank_name_is_a_bad_request_that_costs_no_quota() {
        assertThat(failureOf(() -> at(NOW).find(ALICE, new FindUsers.Command(null))))
                .isEqualTo(new Failure.BadRequest("Field \"usernames\" is required."));
        assertThat(failureOf(() -> find(ALICE, "bob", " ")))
                .isEqualTo(new Failure.BadRequest("Field \"usernames[1]\" must be a username of 1 to 128 characters without spaces."));
        assertThatCode(() -> IntStream.range(0, 30).forEach(i -> find(ALICE, "bob"))).doesNotThrowAnyException();
    }
}
