package dev.parley.functions.domain.viewing;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.model.v1.ViewConversationReply;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ViewConversationTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String TEAM = ConversationId.newGroup();
    private static final String OTHER = ConversationId.newGroup();
    private static final String OTHER_TEAM = ConversationId.newGroup();
    private static final Actor ALICE = new Actor("alice", "phone", "conn-alice");
    private static final Actor CAROL = new Actor("carol", "laptop", "conn-carol");

    private final InMemoryViewing state = new InMemoryViewing(Clock.fixed(NOW, ZoneOffset.UTC));
    private final InMemoryViewers viewers = new InMemoryViewers();
    private final ViewConversation view = new ViewConversation((userId, conversationId) -> {
        if (!(Set.of(TEAM, OTHER_TEAM).contains(conversationId) && Set.of("alice", "bob").contains(userId))) {
            throw new FailureException(new Failure.ConversationNotFound(conversationId));
        }
    }, state, viewers, Clock.fixed(NOW, ZoneOffset.UTC));

    {
        state.connect(new Recipient("alice", "conn-alice", "phone"));
        state.connect(new Recipient("carol", "conn-carol", "laptop"));
    }

    private static Failure failureOf(Runnable call) {
        FailureException thrown = catchThrowableOfType(FailureException.class, call::run);
        assertThat(thrown).as("a FailureException").isNotNull();
        return thrown.failure();
    }

    private Watcher alice() {
        return state.of(List.of("alice")).getFirst();
    }

    @Test
    void a_view_lasts_60_seconds_unless_the_client_names_a_ttl_of_at_most_300() {
        assertThat(view.view(ALICE, new ViewConversation.Command(TEAM, null))).isEqualTo(new ViewConversationReply(TEAM, 60_000));
        assertThat(alice().isViewing(TEAM, NOW.plusSeconds(59))).isTrue();
        assertThat(alice().isViewing(TEAM, NOW.plusSeconds(60))).isFalse();

        assertThat(view.view(ALICE, new ViewConversation.Command(TEAM, 300))).isEqualTo(new ViewConversationReply(TEAM, 300_000));
        assertThat(alice().viewingUntil()).isEqualTo(NOW.plusSeconds(300));
    }

    @Test
    void a_null_conversation_stops_viewing_and_the_entry_keeps_when_the_view_ended() {
        view.view(ALICE, new ViewConversation.Command(TEAM, 120));

        assertThat(view.view(ALICE, new ViewConversation.Command(null, null))).isEqualTo(new ViewConversationReply(null, 0));
        assertThat(alice().isViewing(TEAM, NOW)).isFalse();
        // What an activity round compares with the previous round's time (ActivityHints).
        assertThat(alice().viewing()).isEqualTo(TEAM);
        assertThat(alice().viewingUntil()).isEqualTo(NOW);
    }

    @Test
    void a_conversation_the_user_is_not_in_is_not_found_like_an_unknown_one_and_nothing_is_stored() {
        assertThat(failureOf(() -> view.view(CAROL, new ViewConversation.Command(TEAM, null))))
                .isEqualTo(new Failure.ConversationNotFound(TEAM));
        assertThat(failureOf(() -> view.view(ALICE, new ViewConversation.Command(OTHER, null))))
                .isEqualTo(new Failure.ConversationNotFound(OTHER));
        assertThat(state.of(List.of("alice", "carol"))).allSatisfy(watcher -> assertThat(watcher.viewing()).isNull());
    }

    @Test
    void a_ttl_out_of_range_or_a_malformed_id_is_a_bad_request() {
        for (int ttl : new int[] {0, -5, 301}) {
            assertThat(failureOf(() -> view.view(ALICE, new ViewConversation.Command(TEAM, ttl))))
                    .isEqualTo(new Failure.BadRequest("Field \"ttlSeconds\" must be 1 to 300."));
        }
        assertThat(failureOf(() -> view.view(ALICE, new ViewConversation.Command("team", null))))
                .isInstanceOf(Failure.BadRequest.class);
        assertThat(alice().viewing()).isNull();
    }

    @Test
    void a_socket_without_an_entry_is_answered_all_the_same() {
        Actor unregistered = new Actor("alice", "tablet", "conn-unknown");
        assertThat(view.view(unregistered, new ViewConversation.Command(TEAM, null))).isEqualTo(new ViewConversationReply(TEAM, 60_000));
    }

    private List<String> viewersOf(String conversationId) {
        return viewers.all(conversationId).stream().map(viewer -> viewer.socket().connectionId()).toList();
    }

    @Test
    void the_conversation_lists_its_viewing_sockets_and_a_switch_or_a_stop_takes_the_socket_off_the_list() {
        view.view(ALICE, new ViewConversation.Command(TEAM, 120));
        assertThat(viewers.all(TEAM))
                .containsExactly(new Viewers.Viewer(new Recipient("alice", "conn-alice", "phone"), NOW.plusSeconds(120)));

        view.view(ALICE, new ViewConversation.Command(OTHER_TEAM, null));
        assertThat(viewersOf(TEAM)).isEmpty();
        assertThat(viewersOf(OTHER_TEAM)).containsExactly("conn-alice");

        view.view(ALICE, new ViewConversation.Command(null, null));
        assertThat(viewersOf(OTHER_TEAM)).isEmpty();
    }

    @Test
    void a_refused_view_lists_no_viewer() {
        failureOf(() -> view.view(CAROL, new ViewConversation.Command(TEAM, null)));
        view.view(new Actor("alice", "tablet", "conn-unknown"), new ViewConversation.Command(TEAM, null));

        assertThat(viewersOf(TEAM)).isEmpty();
    }
}
