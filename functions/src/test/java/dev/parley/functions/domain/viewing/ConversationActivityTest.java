package dev.parley.functions.domain.viewing;

import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.model.ProtocolCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** At most one conversationActivity per socket and conversation per 30 s, and the viewing split. */
class ConversationActivityTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String TEAM = ConversationId.newGroup();
    private static final String OTHER = ConversationId.newGroup();
    private static final Recipient ALICE = new Recipient("alice", "conn-alice", "phone");
    private static final Recipient BOB = new Recipient("bob", "conn-bob", "laptop");

    private final InMemoryViewing state = new InMemoryViewing();
    private final ConversationActivity activity = new ConversationActivity(state);

    {
        state.connect(ALICE);
        state.connect(BOB);
    }

    private List<Recipient> admitAt(Instant now, String conversationId) {
        return activity.admit(conversationId, state.of(List.of("alice", "bob")), now);
    }

    @Test
    void a_socket_gets_one_event_per_conversation_per_30_seconds() {
        assertThat(admitAt(NOW, TEAM)).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(admitAt(NOW.plusSeconds(1), TEAM)).isEmpty();
        assertThat(admitAt(NOW.plusMillis(29_999), TEAM)).isEmpty();
        assertThat(admitAt(NOW.plusSeconds(1), OTHER)).as("another conversation has its own slot").containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(admitAt(NOW.plusSeconds(30), TEAM)).containsExactlyInAnyOrder(ALICE, BOB);
    }

    @Test
    void a_socket_the_read_shows_as_recently_told_costs_no_write() {
        admitAt(NOW, TEAM);
        int claimsBefore = state.claims;

        assertThat(admitAt(NOW.plusSeconds(10), TEAM)).isEmpty();
        assertThat(state.claims).isEqualTo(claimsBefore);
    }

    @Test
    void of_two_fan_outs_reading_the_same_state_only_one_sends() {
        List<Watcher> readByBoth = state.of(List.of("alice"));

        assertThat(activity.admit(TEAM, readByBoth, NOW)).containsExactly(ALICE);
        assertThat(activity.admit(TEAM, readByBoth, NOW.plusMillis(5))).as("the claim refuses the second").isEmpty();
    }

    @Test
    void a_pages_claims_are_made_in_parallel_not_one_round_trip_after_another() {
        // Each claim waits until a full set of claims is in flight: made one after another, the first would time out.
        CountDownLatch inFlight = new CountDownLatch(ConversationActivity.CLAIMS_IN_FLIGHT);
        ConversationActivity parallel = new ConversationActivity((userId, connectionId, conversationId, now, lastAllowed) -> {
            inFlight.countDown();
            try {
                return inFlight.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        List<Watcher> sockets = IntStream.range(0, 40)
                .mapToObj(i -> Watcher.idle(new Recipient("u" + i, "conn-" + i, "phone"))).toList();

        assertThat(parallel.admit(TEAM, sockets, NOW)).extracting(Recipient::userId)
                .containsExactlyElementsOf(sockets.stream().map(watcher -> watcher.socket().userId()).toList());
    }

    @Test
    void viewing_sockets_are_split_from_the_rest_and_a_view_past_its_ttl_is_not_viewing() {
        state.view("alice", "conn-alice", TEAM, NOW.plusSeconds(60));
        state.view("bob", "conn-bob", OTHER, NOW.plusSeconds(60));
        List<Watcher> watchers = state.of(List.of("alice", "bob"));

        Audience now = Audience.of(TEAM, watchers, NOW);
        assertThat(now.viewing()).containsExactly(ALICE);
        assertThat(now.elsewhere()).extracting(Watcher::socket).containsExactly(BOB);
        assertThat(Audience.of(TEAM, watchers, NOW.plusSeconds(60)).viewing()).isEmpty();
    }

    @Test
    void the_event_carries_the_seq_and_an_unread_hint_of_at_least_one() {
        assertThat(ProtocolCodec.instance().encode(ConversationActivity.event(TEAM, 42, 7)))
                .isEqualTo("{\"type\":\"conversationActivity\",\"conversationId\":\"" + TEAM + "\",\"seq\":42,\"unreadHint\":7}");
        assertThat(ProtocolCodec.instance().encode(ConversationActivity.event(TEAM, 42, 0))).contains("\"unreadHint\":1");
        assertThat(Watcher.idle(ALICE).activitySentAt()).isEqualTo(Map.of());
    }
}
