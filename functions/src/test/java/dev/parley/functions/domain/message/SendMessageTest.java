package dev.parley.functions.domain.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.delivery.DeliveryReport;
import dev.parley.functions.domain.delivery.EventPublisher;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.push.MessagePushes;
import dev.parley.model.Limits;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SendMessageTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123456Z");
    private static final String DIRECT = ConversationId.direct("alice", "bob");
    private static final String SECRET = ConversationId.newGroup();
    private static final Actor ALICE_PHONE = new Actor("alice", "iphone", "conn-alice-phone");
    private static final Actor ALICE_LAPTOP = new Actor("alice", "laptop", "conn-alice-laptop");
    private static final Actor CAROL = new Actor("carol", "pixel", "conn-carol");

    private final InMemoryMessageRepository messages = new InMemoryMessageRepository();
    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final LiveConnections live = connections.liveAt(NOW);
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();

    private SendMessage sendMessage(EventPublisher eventPublisher, Instant now) {
        return new SendMessage(messages, new FanOut(live, eventPublisher),
                MessagePushes.off(), MemberActivity.none(), Attachments.none(), MemberDevices.NONE, Clock.fixed(now, ZoneOffset.UTC), LargeGroupSend.off());
    }

    private SendMessage.Result send(Actor sender, MessageDraft draft) {
        return sendMessage(publisher, NOW).send(sender, draft);
    }

    private static MessageDraft text(String clientMessageId) {
        return MessageDraft.of(DIRECT, clientMessageId, "hello", null, null, null);
    }

    private static Failure failureOf(ThrowableAssert.ThrowingCallable call) {
        FailureException thrown = catchThrowableOfType(FailureException.class, call);
        assertThat(thrown).as("a FailureException").isNotNull();
        return thrown.failure();
    }

    @BeforeEach
    void aliceOnTwoDevicesAndBobOnOneShareADirectConversation() {
        messages.create(DIRECT, Kind.DIRECT, false, Set.of("alice", "bob"));
        messages.create(SECRET, Kind.GROUP, true, Set.of("alice", "bob"));
        for (Actor device : List.of(ALICE_PHONE, ALICE_LAPTOP, new Actor("bob", "pixel", "conn-bob"), CAROL)) {
            connections.save(Connection.opened(device.connectionId(), device.userId(), device.deviceId(), NOW));
        }
    }

    @Test
    void messages_are_numbered_1_2_3_and_stamped_with_the_servers_time_in_milliseconds() {
        List<Long> seqs = IntStream.rangeClosed(1, 3).mapToObj(i -> send(ALICE_PHONE, text("m" + i)).seq()).toList();

        assertThat(seqs).containsExactly(1L, 2L, 3L);
        assertThat(messages.messages(DIRECT)).extracting(Message::sentAt).containsOnly(Instant.parse("2026-03-01T12:00:00.123Z"));
    }

    @Test
    void every_live_device_of_every_member_gets_the_message_except_the_sending_socket() {
        SendMessage.Result sent = send(ALICE_PHONE, text("hi-bob"));

        assertThat(publisher.connectionIds()).containsExactlyInAnyOrder("conn-alice-laptop", "conn-bob");
        assertThat(sent.delivery()).isEqualTo(new DeliveryReport(2, 0, 0, Set.of("alice", "bob")));
        JsonNode event = publisher.posts().getFirst().frame();
        assertThat(event.get("type").asText()).isEqualTo("message");
        assertThat(event.get("conversationId").asText()).isEqualTo(DIRECT);
        assertThat(event.get("seq").asLong()).isEqualTo(1);
        assertThat(event.get("senderId").asText()).isEqualTo("alice");
        assertThat(event.get("senderDeviceId").asText()).isEqualTo("iphone");
        assertThat(event.get("sentAt").asLong()).isEqualTo(sent.sentAt().toEpochMilli());
        assertThat(event.get("clientMessageId").asText()).isEqualTo("hi-bob");
        assertThat(event.get("text").asText()).isEqualTo("hello");
        assertThat(event.has("ciphertext")).isFalse();
        assertThat(event.has("replyToSeq")).isFalse();
    }

    @Test
    void a_message_is_stored_before_any_device_sees_it() {
        List<Integer> storedWhenPosted = new ArrayList<>();
        EventPublisher checking = (to, frame) -> {
            storedWhenPosted.add(messages.messages(DIRECT).size());
            return publisher.publish(to, frame);
        };

        sendMessage(checking, NOW).send(ALICE_PHONE, text("durable"));

        assertThat(storedWhenPosted).containsExactly(1);
    }

    @Test
    void a_send_that_loses_the_race_for_a_seq_takes_the_next_free_one_so_seqs_stay_gapless() {
        messages.letRivalsWin(3, mine -> new Message(DIRECT, mine.seq(), "bob", "pixel", "rival-" + mine.seq(),
                mine.sentAt(), new MessageBody.Text("me first"), null));

        SendMessage.Result sent = send(ALICE_PHONE, text("patient"));

        assertThat(sent.seq()).isEqualTo(4);
        assertThat(messages.messages(DIRECT)).extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(publisher.connectionIds()).containsExactlyInAnyOrder("conn-alice-laptop", "conn-bob");
        // A lost round re-reads the header and the newest message, consistently; only the first read takes the window.
        assertThat(messages.tailReads()).containsExactly("EVENTUALLY_CONSISTENT " + Limits.DEDUPE_WINDOW,
                "CONSISTENT 1", "CONSISTENT 1", "CONSISTENT 1");
    }

    @Test
    void losing_every_allowed_race_answers_unavailable_and_neither_stores_nor_delivers_the_message() {
        messages.letRivalsWin(SeqRetries.MAX_ROUNDS, mine -> new Message(DIRECT, mine.seq(), "bob", "pixel", "rival-" + mine.seq(),
                mine.sentAt(), new MessageBody.Text("me first"), null));
        FakeRaceClock clock = new FakeRaceClock();

        Failure failure = failureOf(() -> racing(clock.retries(SeqRetries.BUDGET.multipliedBy(100))).send(ALICE_PHONE, text("unlucky")));

        assertThat(failure).isInstanceOf(Failure.Unavailable.class);
        assertThat(messages.messages(DIRECT)).extracting(Message::senderId).containsOnly("bob").hasSize(SeqRetries.MAX_ROUNDS);
        assertThat(publisher.posts()).isEmpty();
    }

    @Test
    void a_send_that_loses_more_than_the_old_16_rounds_keeps_trying_within_its_time_and_is_stored() {
        messages.letRivalsWin(40, mine -> new Message(DIRECT, mine.seq(), "bob", "pixel", "rival-" + mine.seq(),
                mine.sentAt(), new MessageBody.Text("me first"), null));
        FakeRaceClock clock = new FakeRaceClock();

        SendMessage.Result sent = racing(clock.retries(SeqRetries.BUDGET)).send(ALICE_PHONE, text("persistent"));

        assertThat(sent.seq()).isEqualTo(41);
        assertThat(clock.pauses()).hasSize(40).allSatisfy(pause -> assertThat(pause).isLessThanOrEqualTo(SeqRetries.MAX_CEILING));
        assertThat(publisher.connectionIds()).containsExactlyInAnyOrder("conn-alice-laptop", "conn-bob");
    }

    @Test
    void a_send_still_losing_when_its_time_is_spent_answers_unavailable_without_waiting_past_it() {
        messages.letRivalsWin(SeqRetries.MAX_ROUNDS, mine -> new Message(DIRECT, mine.seq(), "bob", "pixel", "rival-" + mine.seq(),
                mine.sentAt(), new MessageBody.Text("me first"), null));
        FakeRaceClock clock = new FakeRaceClock().eachRoundTaking(Duration.ofMillis(400));

        Failure failure = failureOf(() -> racing(clock.retries(SeqRetries.BUDGET)).send(ALICE_PHONE, text("too-late")));

        assertThat(failure).isInstanceOf(Failure.Unavailable.class);
        assertThat(clock.pauses()).isNotEmpty();
        assertThat(clock.lastWake()).isLessThan(SeqRetries.BUDGET);
        assertThat(messages.messages(DIRECT)).extracting(Message::senderId).containsOnly("bob").hasSizeLessThan(SeqRetries.MAX_ROUNDS);
        assertThat(publisher.posts()).isEmpty();
    }

    private SendMessage racing(SeqRetries retries) {
        return new SendMessage(messages, new FanOut(live, publisher), MessagePushes.off(), MemberActivity.none(), Attachments.none(),
                MemberDevices.NONE, Clock.fixed(NOW, ZoneOffset.UTC), LargeGroupSend.off(), retries);
    }

    @Test
    void concurrent_senders_in_one_conversation_get_unique_gapless_seqs() throws Exception {
        List<Future<Long>> seqs = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 200; i++) {
                MessageDraft draft = text("concurrent-" + i);
                seqs.add(senders.submit(() -> send(ALICE_PHONE, draft).seq()));
            }
        }

        List<Long> taken = new ArrayList<>();
        for (Future<Long> seq : seqs) {
            taken.add(seq.get());
        }
        assertThat(taken).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
        assertThat(messages.messages(DIRECT)).extracting(Message::clientMessageId).doesNotHaveDuplicates().hasSize(200);
    }

    @Test
    void a_retry_with_the_same_client_message_id_returns_the_original_seq_and_time_and_delivers_nothing() {
        SendMessage.Result first = send(ALICE_PHONE, text("once"));
        send(ALICE_PHONE, text("between"));
        int postsBefore = publisher.posts().size();

        SendMessage.Result retry = sendMessage(publisher, NOW.plusSeconds(30)).send(ALICE_PHONE, text("once"));

        assertThat(retry.seq()).isEqualTo(first.seq());
        assertThat(retry.sentAt()).isEqualTo(first.sentAt());
        assertThat(retry.alreadyStored()).isTrue();
        assertThat(messages.messages(DIRECT)).hasSize(2);
        assertThat(publisher.posts()).hasSize(postsBefore);
    }

    @Test
    void a_retry_that_races_its_own_first_attempt_returns_the_first_attempts_seq_and_delivers_nothing() {
        messages.letRivalsWin(1, firstAttempt -> firstAttempt);

        SendMessage.Result retry = send(ALICE_PHONE, text("twice-at-once"));

        assertThat(retry.alreadyStored()).isTrue();
        assertThat(retry.seq()).isEqualTo(1);
        assertThat(messages.messages(DIRECT)).hasSize(1);
        assertThat(publisher.posts()).isEmpty();
    }

    @Test
    void the_same_client_message_id_from_another_device_is_another_message() {
        send(ALICE_PHONE, text("draft-1"));

        assertThat(send(ALICE_LAPTOP, text("draft-1")).seq()).isEqualTo(2);
    }

    @Test
    void a_non_member_and_an_unknown_conversation_get_the_same_not_found_and_nothing_happens() {
        String unknown = ConversationId.newGroup();

        Failure nonMember = failureOf(() -> send(CAROL, text("let-me-in")));
        Failure missing = failureOf(() -> send(ALICE_PHONE, MessageDraft.of(unknown, "hello", "hi", null, null, null)));

        assertThat(nonMember).isEqualTo(new Failure.ConversationNotFound(DIRECT));
        assertThat(missing).isEqualTo(new Failure.ConversationNotFound(unknown));
        assertThat(messages.messages(DIRECT)).isEmpty();
        assertThat(publisher.posts()).isEmpty();
    }

    @Test
    void text_in_an_end_to_end_encrypted_conversation_is_refused() {
        Failure failure = failureOf(() -> send(ALICE_PHONE, MessageDraft.of(SECRET, "plain", "hello", null, null, null)));

        assertThat(failure).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains("end-to-end encrypted", "\"ciphertext\""));
        assertThat(messages.messages(SECRET)).isEmpty();
    }

    @Test
    void ciphertext_in_a_conversation_without_encryption_is_refused() {
        Failure failure = failureOf(() -> send(ALICE_PHONE, MessageDraft.of(DIRECT, "sealed", null, "AAEC", "signal-v1", null)));

        assertThat(failure).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains("not end-to-end encrypted", "\"text\""));
    }

    @Test
    void ciphertext_in_an_end_to_end_encrypted_conversation_is_stored_and_delivered_unread_with_its_alg() {
        send(ALICE_PHONE, MessageDraft.of(SECRET, "sealed", null, "AAECAw==", "signal-v1", null));

        assertThat(messages.messages(SECRET).getFirst().body()).isEqualTo(new MessageBody.Ciphertext("AAECAw==", "signal-v1"));
        JsonNode event = publisher.posts().getFirst().frame();
        assertThat(event.get("ciphertext").asText()).isEqualTo("AAECAw==");
        assertThat(event.get("alg").asText()).isEqualTo("signal-v1");
        assertThat(event.has("text")).isFalse();
    }

    @Test
    void a_reply_to_the_last_message_is_accepted_and_a_reply_to_a_later_seq_is_refused() {
        send(ALICE_PHONE, text("question"));

        SendMessage.Result answer = send(ALICE_PHONE, MessageDraft.of(DIRECT, "answer", "yes", null, null, 1L));
        Failure future = failureOf(() -> send(ALICE_PHONE, MessageDraft.of(DIRECT, "oracle", "??", null, null, 3L)));

        assertThat(answer.seq()).isEqualTo(2);
        assertThat(messages.messages(DIRECT).getLast().replyToSeq()).isEqualTo(1L);
        assertThat(publisher.posts().getLast().frame().get("replyToSeq").asLong()).isEqualTo(1);
        assertThat(future).isInstanceOfSatisfying(Failure.BadRequest.class,
                bad -> assertThat(bad.message()).contains("\"replyToSeq\" 3", "(2)"));
    }

    @Test
    void a_conversation_created_a_moment_ago_is_found_although_the_eventually_consistent_read_lags() {
        messages.lagEventualReads();
        String fresh = ConversationId.newGroup();
        messages.create(fresh, Kind.GROUP, false, Set.of("alice", "carol"));

        SendMessage.Result sent = send(ALICE_PHONE, MessageDraft.of(fresh, "first", "welcome", null, null, null));

        assertThat(sent.seq()).isEqualTo(1);
        assertThat(publisher.connectionIds()).containsExactlyInAnyOrder("conn-alice-laptop", "conn-carol");
    }

    @Test
    void a_lagging_read_that_misses_recent_messages_still_stores_under_the_next_free_seq() {
        send(ALICE_PHONE, text("one"));
        messages.lagEventualReads();
        send(ALICE_PHONE, text("two"));

        SendMessage.Result third = send(ALICE_PHONE, text("three"));

        assertThat(third.seq()).isEqualTo(3);
        assertThat(messages.messages(DIRECT)).extracting(Message::clientMessageId).containsExactly("one", "two", "three");
    }

    @Test
    void a_one_to_one_send_reads_the_conversation_once() {
        send(ALICE_PHONE, text("cheap"));

        assertThat(messages.reads()).isEqualTo(1);
    }
}
