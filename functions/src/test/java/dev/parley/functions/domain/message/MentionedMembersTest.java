package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.push.PushJob;
import dev.parley.functions.domain.push.MessagePushes;
import dev.parley.functions.domain.sync.InMemoryMemberCursors;
import dev.parley.functions.domain.viewing.Watcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** sendMessage with mentions and replies: a large group queues one push job naming them, every tier checks they are members. */
class MentionedMembersTest {
    private static final Instant NOW = Instant.parse("2026-12-07T07:00:00Z");
    private static final String ID = ConversationId.newGroup();
    private static final Actor BOB = new Actor("bob", "phone", "conn-bob");
    private static final Actor CAROL = new Actor("carol", "laptop", "conn-carol");

    private final LargeGroupSends world = new LargeGroupSends(NOW);
    private final List<PushJob> pushJobs = world.pushJobs;

    @BeforeEach
    void aLargeGroupOfAliceBobCarolAndDave() {
        world.largeGroup(ID, Set.of("bob", "carol", "dave"));
    }

    private static MessageDraft draft(String clientMessageId, Long replyToSeq, String... mentions) {
        MessageDraft draft = MessageDraft.of(ID, clientMessageId, "@someone", null, null, replyToSeq);
        return mentions.length == 0 ? draft : draft.withMentions(List.of(mentions));
    }

    private static Failure failureOf(Runnable call) {
        FailureException thrown = catchThrowableOfType(FailureException.class, call::run);
        assertThat(thrown).as("a FailureException").isNotNull();
        return thrown.failure();
    }

    @Test
    void a_message_that_mentions_and_replies_queues_one_push_job_naming_them_but_the_sender() {
        long aliceSaid = world.sendMessage.send(new Actor("alice", "web", "conn-alice"), draft("a1", null)).seq();

        SendMessage.Result sent = world.sendMessage.send(BOB, draft("b1", aliceSaid, "carol", "bob"));

        assertThat(pushJobs).singleElement().satisfies(job -> {
            assertThat(job.conversationId()).isEqualTo(ID);
            assertThat(job.seq()).isEqualTo(sent.seq());
            assertThat(job.senderId()).isEqualTo("bob");
            assertThat(job.text()).isEqualTo("@someone");
            assertThat(job.targets()).isEmpty();
            assertThat(job.mentioned()).containsExactly("carol", "alice");
            assertThat(PushJob.fromJson(job.toJson())).isEqualTo(job);
        });
        assertThat(world.queued).as("the fan-out as without mentions").hasSize(2);
    }

    @Test
    void a_member_with_a_socket_viewing_the_conversation_is_left_out_one_viewing_another_or_no_longer_is_not() {
        world.sockets.add(new Watcher(new Recipient("carol", "conn-carol-web", "web"), ID, NOW.plusSeconds(30)));
        world.sockets.add(new Watcher(new Recipient("dave", "conn-dave-web", "web"), ConversationId.newGroup(),
                NOW.plusSeconds(30)));
        world.sockets.add(new Watcher(new Recipient("alice", "conn-alice-web", "web"), ID, NOW));

        world.sendMessage.send(BOB, draft("b1", null, "carol", "dave", "alice"));
        world.sendMessage.send(BOB, draft("b2", null, "carol"));

        assertThat(pushJobs).as("carol views it: she had both live").singleElement()
                .satisfies(job -> assertThat(job.mentioned()).containsExactly("dave", "alice"));
    }

    @Test
    void a_message_that_names_nobody_else_queues_no_push_job() {
        long own = world.sendMessage.send(BOB, draft("b1", null)).seq();

        world.sendMessage.send(BOB, draft("b2", own, "bob"));

        assertThat(pushJobs).isEmpty();
    }

    @Test
    void a_retry_of_a_stored_send_queues_no_second_push_job() {
        world.sendMessage.send(BOB, draft("b1", null, "carol"));

        SendMessage.Result retry = world.sendMessage.send(BOB, draft("b1", null, "carol"));

        assertThat(retry.alreadyStored()).isTrue();
        assertThat(pushJobs).hasSize(1);
    }

    @Test
    void mentioning_someone_who_is_not_a_member_is_a_bad_request_and_nothing_is_stored() {
        Failure failure = failureOf(() -> world.sendMessage.send(BOB, draft("b1", null, "carol", "mallory", "trent")));

        assertThat(failure).isEqualTo(new Failure.BadRequest(
                "Field \"mentions\" names users who are not members of this conversation: mallory, trent."));
        assertThat(world.messages.messages(ID)).isEmpty();
        assertThat(world.queued).isEmpty();
        assertThat(pushJobs).isEmpty();
    }

    @Test
    void a_sender_who_is_not_a_member_gets_NOT_FOUND_and_learns_nothing_of_who_is() {
        Failure failure = failureOf(() -> world.sendMessage.send(new Actor("mallory", "x", "conn-m"), draft("m1", null, "trent")));

        assertThat(failure).isEqualTo(new Failure.ConversationNotFound(ID));
    }

    @Test
    void a_small_group_checks_mentions_against_its_header_and_pushes_as_before() {
        InMemoryMessageRepository messages = new InMemoryMessageRepository();
        String small = ConversationId.newGroup();
        messages.create(small, Kind.GROUP, false, Set.of("bob", "carol"));
        InMemoryMemberCursors rows = new InMemoryMemberCursors();
        SendMessage send = new SendMessage(messages, new FanOut(userIds -> userIds.stream()
                .map(userId -> new Recipient(userId, "conn-" + userId, "phone")).toList(), new RecordingEventPublisher()),
                MessagePushes.off(), rows, Attachments.none(), MemberDevices.NONE, Clock.fixed(NOW, ZoneOffset.UTC),
                LargeGroupSend.off());

        Failure failure = failureOf(() -> send.send(CAROL, MessageDraft.of(small, "c1", "hi", null, null, null)
                .withMentions(List.of("bob", "dave"))));
        SendMessage.Result sent = send.send(CAROL, MessageDraft.of(small, "c2", "hi @bob", null, null, null)
                .withMentions(List.of("bob")));

        assertThat(failure).isEqualTo(new Failure.BadRequest(
                "Field \"mentions\" names users who are not members of this conversation: dave."));
        assertThat(sent.seq()).isEqualTo(1);
    }
}
