package dev.parley.functions.domain.message;

import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.message.MessageRepository.Append;
import dev.parley.functions.domain.conversation.ConversationTails.Read;
import org.junit.jupiter.api.Test;

import java.time.Instant;
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
    void a_conversation_whose_last_member_left_has_no_members() {
        String id = newConversationId();
        createConversation(id, Kind.GROUP, false, Set.of());

        assertThat(repository().tail(id, 10, Read.EVENTUALLY_CONSISTENT).orElseThrow().members()).isEmpty();
    }
}
