package dev.parley.functions.domain.typing;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.ratelimit.InMemoryRateLimiter;
import dev.parley.functions.domain.ratelimit.PerMinuteLimit;
import dev.parley.functions.domain.sync.SyncWorld;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SendTypingTest {
    private static final Actor ALICE_PHONE = new Actor("alice", "phone", "conn-alice-phone");
    private static final Actor ALICE_LAPTOP = new Actor("alice", "laptop", "conn-alice-laptop");
    private static final Actor BOB = new Actor("bob", "pixel", "conn-bob");
    private static final Actor CAROL = new Actor("carol", "mac", "conn-carol");
    private static final String TEAM = ConversationId.newGroup();

    private final SyncWorld world = new SyncWorld();
    private final SendTyping typing = new SendTyping(world.messages, world.fanOut,
            new PerMinuteLimit(Actions.TYPING, Limits.TYPING_PER_MINUTE, new InMemoryRateLimiter(), world.clock), dev.parley.functions.domain.conversation.MemberRows.none());

    @BeforeEach
    void aliceAndBobShareAGroupAndCarolIsOnlineElsewhere() {
        world.conversation(TEAM, Kind.GROUP, "alice", "bob");
        for (Actor device : new Actor[] {ALICE_PHONE, ALICE_LAPTOP, BOB, CAROL}) {
            world.online(device);
        }
    }

    private static Failure failureOf(Runnable call) {
        FailureException thrown = catchThrowableOfType(FailureException.class, call::run);
        assertThat(thrown).as("a FailureException").isNotNull();
        return thrown.failure();
    }

    @Test
    void typing_reaches_the_other_members_only_and_says_when_it_expires_then_stops() {
        typing.type(ALICE_PHONE, new SendTyping.Command(TEAM, "typing"));
        typing.type(ALICE_PHONE, new SendTyping.Command(TEAM, "stopped"));

        assertThat(world.publisher.connectionIds()).containsExactly("conn-bob", "conn-bob");
        assertThat(world.eventsTo("conn-bob")).filteredOn(event -> !event.get("type").asText().equals("message")).satisfiesExactly(
                started -> {
                    assertThat(started.get("state").asText()).isEqualTo("typing");
                    assertThat(started.get("userId").asText()).isEqualTo("alice");
                    assertThat(started.get("expiresInMs").asLong()).isEqualTo(Limits.TYPING_EXPIRES_MS);
                },
                stopped -> assertThat(stopped.get("state").asText()).isEqualTo("stopped"));
        assertThat(world.messages.messages(TEAM)).as("never stored").isEmpty();
    }

    @Test
    void a_user_typing_too_often_is_rate_limited() {
        IntStream.range(0, Limits.TYPING_PER_MINUTE).forEach(i -> typing.type(ALICE_PHONE, new SendTyping.Command(TEAM, "typing")));

        assertThat(failureOf(() -> typing.type(ALICE_LAPTOP, new SendTyping.Command(TEAM, "typing"))))
                .isEqualTo(new Failure.RateLimited(Actions.TYPING, Limits.TYPING_PER_MINUTE));
    }

    @Test
    void exactly_60_typing_requests_pass_in_a_calendar_minute_and_the_next_minute_starts_fresh() {
        for (int i = 0; i < Limits.TYPING_PER_MINUTE; i++) {
            typing.type(ALICE_PHONE, new SendTyping.Command(TEAM, "typing"));
            world.tick(999);
        }
        world.tick(59);
        Failure atTheLastMillisecond = failureOf(() -> typing.type(ALICE_PHONE, new SendTyping.Command(TEAM, "typing")));
        world.tick(1);
        for (int i = 0; i < Limits.TYPING_PER_MINUTE; i++) {
            typing.type(ALICE_PHONE, new SendTyping.Command(TEAM, "typing"));
        }
        Failure nextMinuteFull = failureOf(() -> typing.type(ALICE_PHONE, new SendTyping.Command(TEAM, "typing")));

        assertThat(world.clock.instant()).as("the test's own arithmetic").isEqualTo(Instant.parse("2026-03-01T12:01:00Z"));
        assertThat(atTheLastMillisecond).isEqualTo(new Failure.RateLimited(Actions.TYPING, Limits.TYPING_PER_MINUTE));
        assertThat(nextMinuteFull).isEqualTo(atTheLastMillisecond);
        assertThat(world.eventsTo("conn-bob")).as("typing events bob got").hasSize(2 * Limits.TYPING_PER_MINUTE);
    }

    @Test
    void a_non_member_gets_not_found_and_an_unknown_state_is_a_bad_request() {
        assertThat(failureOf(() -> typing.type(CAROL, new SendTyping.Command(TEAM, "typing"))))
                .isEqualTo(new Failure.ConversationNotFound(TEAM));
        assertThat(failureOf(() -> typing.type(ALICE_PHONE, new SendTyping.Command(TEAM, "dancing"))))
                .isEqualTo(new Failure.BadRequest("Field \"state\" must be \"typing\" or \"stopped\"."));
        assertThat(world.publisher.posts()).isEmpty();
    }
}
