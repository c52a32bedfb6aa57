package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.sync.InMemoryMemberCursors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** In an announcement group only admins post, on either tier; a member's send is FORBIDDEN and leaves no trace. */
class SendToAnnouncementGroupTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final String SMALL = ConversationId.newGroup();
    private static final String LARGE = ConversationId.newGroup();
    private static final Actor ALICE = new Actor("alice", "phone", "conn-alice");
    private static final Actor BOB = new Actor("bob", "phone", "conn-bob");
    private static final Actor STRANGER = new Actor("eve", "phone", "conn-eve");

    private final LargeGroupSends world = new LargeGroupSends(NOW);
    private final InMemoryMessageRepository messages = world.messages;
    private final InMemoryMemberCursors rows = world.rows;
    private final List<FanOutJob> queued = world.queued;
    private final RecordingEventPublisher posts = world.posts;
    private final SendMessage sendMessage = world.sendMessage;

    @BeforeEach
    void aliceAdministersOneSmallAndOneLargeAnnouncementGroupWithBob() {
        messages.create(SMALL, Kind.GROUP, false, Set.of("alice", "bob"));
        messages.onlyAdminsPost(SMALL, Set.of("alice"));
        world.largeGroup(LARGE, Set.of("bob"));
        messages.onlyAdminsPost(LARGE, Set.of("alice"));
    }

    private static Failure failureOf(Runnable send) {
        FailureException thrown = catchThrowableOfType(FailureException.class, send::run);
        assertThat(thrown).as("a FailureException").isNotNull();
        return thrown.failure();
    }

    @Test
    void a_member_posting_is_forbidden_and_nothing_is_stored_delivered_or_queued() {
        for (String id : List.of(SMALL, LARGE)) {
            Failure failure = failureOf(() -> sendMessage.send(BOB, MessageDraft.of(id, "m1", "me too", null, null, null)));

            assertThat(failure).isInstanceOfSatisfying(Failure.Forbidden.class,
                    forbidden -> assertThat(forbidden.message()).contains("Only admins post"));
            assertThat(messages.messages(id)).isEmpty();
        }
        assertThat(posts.posts()).isEmpty();
        assertThat(queued).isEmpty();
    }

    @Test
    void an_admin_posts_as_in_any_group() {
        assertThat(sendMessage.send(ALICE, MessageDraft.of(SMALL, "a1", "news", null, null, null)).seq()).isEqualTo(1);
        assertThat(sendMessage.send(ALICE, MessageDraft.of(LARGE, "a1", "news", null, null, null)).seq()).isEqualTo(1);

        assertThat(messages.messages(SMALL)).hasSize(1);
        assertThat(queued).hasSize(1);
    }

    @Test
    void a_non_member_still_learns_nothing_but_not_found() {
        for (String id : List.of(SMALL, LARGE)) {
            assertThat(failureOf(() -> sendMessage.send(STRANGER, MessageDraft.of(id, "x", "hi", null, null, null))))
                    .isEqualTo(new Failure.ConversationNotFound(id));
        }
    }
}
