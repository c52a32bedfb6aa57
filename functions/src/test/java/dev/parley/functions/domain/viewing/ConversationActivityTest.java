package dev.parley.functions.domain.viewing;

import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.model.ProtocolCodec;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conversationActivity event and the viewing split. Which sockets a round tells is
 * {@code ActivityHintsTest}'s; how often (at most once per round, repeated by a redelivered page) the fan-out
 * worker's: {@code FanOutWorkerHandlerTest}.
 */
class ConversationActivityTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String TEAM = ConversationId.newGroup();
    private static final String OTHER = ConversationId.newGroup();
    private static final Recipient ALICE = new Recipient("alice", "conn-alice", "phone");
    private static final Recipient BOB = new Recipient("bob", "conn-bob", "laptop");

    private final InMemoryViewing state = new InMemoryViewing(Clock.fixed(NOW, ZoneOffset.UTC));

    {
        state.connect(ALICE);
        state.connect(BOB);
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
    }
}
