package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.sync.InMemoryMemberCursors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** sendMessage into a large conversation: stored and handed to the fan-out queue, no member written or posted to. */
class SendToLargeGroupTest {
    private static final Instant NOW = Instant.parse("2026-12-07T07:00:00Z");
    private static final String ID = ConversationId.newGroup();
    private static final Actor BOB = new Actor("bob", "phone", "conn-bob");

    private final LargeGroupSends world = new LargeGroupSends(NOW);
    private final InMemoryMessageRepository messages = world.messages;
    private final InMemoryMemberCursors rows = world.rows;
    private final List<FanOutJob> queued = world.queued;
    private final RecordingEventPublisher posts = world.posts;
    private final SendMessage sendMessage = world.sendMessage;

    @BeforeEach
    void aLargeGroupOfAliceBobAndCarol() {
        world.largeGroup(ID, Set.of("bob", "carol"));
    }

    @Test
    void a_message_is_stored_and_queued_once_and_only_the_senders_row_moves() {
        SendMessage.Result result = sendMessage.send(BOB, MessageDraft.of(ID, "m1", "hello all", null, null, null));

        assertThat(result.seq()).isEqualTo(1);
        assertThat(result.deliveredTo()).isEmpty();
        assertThat(messages.messages(ID)).hasSize(1);
        assertThat(queued).singleElement().satisfies(job -> {
            assertThat(job.seq()).isEqualTo(1);
            assertThat(job.afterUserId()).isNull();
            assertThat(job.exceptConnectionId()).isEqualTo("conn-bob");
            assertThat(job.frame()).contains("\"hello all\"").contains("\"seq\":1");
        });
        assertThat(posts.posts()).isEmpty();
        assertThat(rows.get("bob", ID).readSeq()).isEqualTo(1);
        assertThat(rows.get("carol", ID).lastSeq()).isZero();
    }

    @Test
    void a_retry_answers_the_stored_seq_and_queues_its_fan_out_again() {
        sendMessage.send(BOB, MessageDraft.of(ID, "m1", "hello", null, null, null));

        SendMessage.Result retry = sendMessage.send(BOB, MessageDraft.of(ID, "m1", "hello", null, null, null));

        assertThat(retry.alreadyStored()).isTrue();
        assertThat(retry.seq()).isEqualTo(1);
        assertThat(messages.messages(ID)).hasSize(1);
        assertThat(queued).hasSize(2).extracting(FanOutJob::seq).containsOnly(1L);
    }

    @Test
    void a_send_that_loses_40_rounds_keeps_its_race_and_is_stored_and_queued_once() {
        LargeGroupSends racing = racingWorld(new FakeRaceClock());
        racing.messages.letRivalsWin(40, mine -> rival(mine));

        SendMessage.Result sent = racing.sendMessage.send(BOB, MessageDraft.of(ID, "patient", "hello", null, null, null));

        assertThat(sent.seq()).isEqualTo(41);
        assertThat(racing.queued).singleElement().extracting(FanOutJob::seq).isEqualTo(41L);
    }

    @Test
    void a_send_still_losing_when_its_time_is_spent_answers_UNAVAILABLE_and_queues_nothing() {
        LargeGroupSends racing = racingWorld(new FakeRaceClock().eachRoundTaking(java.time.Duration.ofMillis(400)));
        racing.messages.letRivalsWin(SeqRetries.MAX_ROUNDS, mine -> rival(mine));

        FailureException refused = catchThrowableOfType(FailureException.class, () -> racing.sendMessage.send(BOB,
                MessageDraft.of(ID, "unlucky", "hello", null, null, null)));

        assertThat(refused.failure()).isInstanceOf(Failure.Unavailable.class);
        assertThat(racing.messages.messages(ID)).extracting(Message::senderId).containsOnly("carol");
        assertThat(racing.queued).isEmpty();
    }

    private static LargeGroupSends racingWorld(FakeRaceClock clock) {
        LargeGroupSends racing = new LargeGroupSends(NOW, MemberDevices.NONE, clock.retries(SeqRetries.BUDGET));
        racing.largeGroup(ID, Set.of("bob", "carol"));
        return racing;
    }

    private static Message rival(Message mine) {
        return new Message(ID, mine.seq(), "carol", "phone", "rival-" + mine.seq(), mine.sentAt(),
                new MessageBody.Text("me first"), null);
    }

    @Test
    void someone_without_a_row_gets_NOT_FOUND_and_nothing_is_stored() {
        FailureException refused = catchThrowableOfType(FailureException.class, () -> sendMessage.send(
                new Actor("mallory", "laptop", "conn-m"), MessageDraft.of(ID, "x1", "hi", null, null, null)));

        assertThat(refused.failure()).isEqualTo(new Failure.ConversationNotFound(ID));
        assertThat(messages.messages(ID)).isEmpty();
        assertThat(queued).isEmpty();
    }
}
