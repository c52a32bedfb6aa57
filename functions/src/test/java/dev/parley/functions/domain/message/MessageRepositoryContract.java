package dev.parley.functions.domain.message;

import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.message.MessageRepository.Append;
import dev.parley.functions.domain.conversation.ConversationTails.Read;
import org.junit.jupiter.api.Test;

import dev.parley.model.Limits;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import dev.parley.functions.domain.conversation.ConversationTail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link MessageRepository} does, run against the in-memory fake and against DynamoDB
 * (moto), so the fake the use case tests rely on cannot drift from the real store.
 */
public abstract class MessageRepositoryContract {
    protected static final Instant SENT_AT = Instant.parse("2026-03-01T12:00:00.123Z");

    protected abstract MessageRepository repository();

    /** Writes a conversation's header as the conversations side does. */
    protected abstract void createConversation(String conversationId, Kind kind, boolean e2ee, Set<String> members);

    /** A group id no other test uses, so tests can share one table. */
    protected static String newConversationId() {
        return "g_" + UUID.randomUUID().toString().replace("-", "");
    }

    protected static Message message(String conversationId, long seq, String clientMessageId) {
        return new Message(conversationId, seq, "alice", "iphone", clientMessageId, SENT_AT.plusMillis(seq),
                new MessageBody.Text("hello " + seq), null);
    }

    @Test
    void an_unknown_conversation_has_no_tail() {
        assertThat(repository().tail(newConversationId(), 10, Read.CONSISTENT)).isEmpty();
    }

    @Test
    void a_new_conversation_has_its_header_and_last_seq_zero() {
        String id = newConversationId();
        createConversation(id, Kind.GROUP, true, Set.of("alice", "bob", "carol"));

        ConversationTail tail = repository().tail(id, 10, Read.CONSISTENT).orElseThrow();

        assertThat(tail.kind()).isEqualTo(Kind.GROUP);
        assertThat(tail.e2ee()).isTrue();
        assertThat(tail.members()).containsExactlyInAnyOrder("alice", "bob", "carol");
        assertThat(tail.lastSeq()).isZero();
        assertThat(tail.recent()).isEmpty();
    }

    @Test
    void the_tail_holds_the_last_seq_and_the_newest_messages_newest_first_up_to_the_window() {
        String id = newConversationId();
        createConversation(id, Kind.DIRECT, false, Set.of("alice", "bob"));
        LongStream.rangeClosed(1, 12).forEach(seq -> repository().append(message(id, seq, "m" + seq)));

        ConversationTail tail = repository().tail(id, 10, Read.CONSISTENT).orElseThrow();

        assertThat(tail.lastSeq()).isEqualTo(12);
        assertThat(tail.recent()).extracting(ConversationTail.Recent::seq).containsExactly(12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L);
        assertThat(tail.recent().getFirst()).isEqualTo(
                new ConversationTail.Recent(12, "alice", "iphone", "m12", SENT_AT.plusMillis(12)));
    }

    @Test
    void an_append_at_a_taken_seq_is_refused_and_never_overwrites_the_stored_message() {
        String id = newConversationId();
        createConversation(id, Kind.DIRECT, false, Set.of("alice", "bob"));
        Message first = message(id, 1, "first");

        assertThat(repository().append(first)).isEqualTo(new Append.Stored(first));
        assertThat(repository().append(message(id, 1, "second"))).isEqualTo(new Append.SeqTaken(1));

        ConversationTail tail = repository().tail(id, 10, Read.CONSISTENT).orElseThrow();
        assertThat(tail.recent()).extracting(ConversationTail.Recent::clientMessageId).containsExactly("first");
    }

    @Test
    void an_append_of_a_client_message_id_the_device_already_stored_stores_nothing_and_names_the_original() {
        String id = newConversationId();
        createConversation(id, Kind.GROUP, false, Set.of("alice", "bob"));
        Message original = message(id, 1, "resent");
        repository().append(original);
        LongStream.rangeClosed(2, 40).forEach(seq -> repository().append(message(id, seq, "m" + seq)));

        Message retry = new Message(id, 41, "alice", "iphone", "resent", SENT_AT.plus(23, ChronoUnit.HOURS),
                new MessageBody.Text("hello again"), null);
        assertThat(repository().append(retry)).isEqualTo(new Append.AlreadyStored(1, original.sentAt()));

        assertThat(repository().tail(id, 10, Read.CONSISTENT).orElseThrow().lastSeq()).isEqualTo(40);
    }

    @Test
    void the_same_client_message_id_from_another_device_or_sender_or_after_the_idempotency_period_is_a_new_message() {
        String id = newConversationId();
        createConversation(id, Kind.GROUP, false, Set.of("alice", "bob"));
        repository().append(message(id, 1, "same"));

        Message otherDevice = new Message(id, 2, "alice", "ipad", "same", SENT_AT.plusMillis(2), new MessageBody.Text("a"), null);
        Message otherSender = new Message(id, 3, "bob", "iphone", "same", SENT_AT.plusMillis(3), new MessageBody.Text("b"), null);
        Message dayLater = new Message(id, 4, "alice", "iphone", "same",
                SENT_AT.plus(Limits.IDEMPOTENCY_HOURS, ChronoUnit.HOURS).plusMillis(1), new MessageBody.Text("c"), null);

        assertThat(repository().append(otherDevice)).isEqualTo(new Append.Stored(otherDevice));
        assertThat(repository().append(otherSender)).isEqualTo(new Append.Stored(otherSender));
        assertThat(repository().append(dayLater)).isEqualTo(new Append.Stored(dayLater));
        assertThat(repository().append(new Message(id, 5, "alice", "iphone", "same", dayLater.sentAt().plusSeconds(60),
                new MessageBody.Text("d"), null))).isEqualTo(new Append.AlreadyStored(4, dayLater.sentAt()));
    }

    @Test
    void a_conversation_whose_last_member_left_has_no_members() {
        String id = newConversationId();
        createConversation(id, Kind.GROUP, false, Set.of());

        assertThat(repository().tail(id, 10, Read.EVENTUALLY_CONSISTENT).orElseThrow().members()).isEmpty();
    }
}
