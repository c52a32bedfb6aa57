package dev.parley.functions.domain.sync;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.model.v1.HistoryReply;
import dev.parley.model.v1.MessageEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class HistoryTest {
    private static final Actor ALICE = new Actor("alice", "phone", "conn-alice");
    private static final String WITH_BOB = ConversationId.direct("alice", "bob");

    private final SyncWorld world = new SyncWorld();

    @BeforeEach
    void aliceAndBobExchangedTwelveMessages() {
        world.conversation(WITH_BOB, Kind.DIRECT, "alice", "bob");
        IntStream.rangeClosed(1, 12).forEach(i -> world.send(ALICE, WITH_BOB, "m" + i));
    }

    private HistoryReply history(Actor actor, String conversationId, Long beforeSeq, Integer limit) {
        return world.history().history(actor, new History.Command(conversationId, beforeSeq, limit));
    }

    private static Failure failureOf(Runnable call) {
        FailureException thrown = catchThrowableOfType(FailureException.class, call::run);
        assertThat(thrown).as("a FailureException").isNotNull();
        return thrown.failure();
    }

    @Test
    void pages_backwards_from_a_seq_oldest_first_until_the_first_message() {
        HistoryReply newest = history(ALICE, WITH_BOB, null, 5);
        assertThat(newest.messages()).extracting(MessageEvent::seq).containsExactly(8L, 9L, 10L, 11L, 12L);
        assertThat(newest.hasMore()).isTrue();

        HistoryReply older = history(ALICE, WITH_BOB, 8L, 5);
        assertThat(older.messages()).extracting(MessageEvent::text).containsExactly("m3", "m4", "m5", "m6", "m7");

        HistoryReply oldest = history(ALICE, WITH_BOB, 3L, 5);
        assertThat(oldest.messages()).extracting(MessageEvent::seq).containsExactly(1L, 2L);
        assertThat(oldest.hasMore()).isFalse();
    }

    @Test
    void a_non_member_and_an_unknown_conversation_get_the_same_not_found() {
        assertThat(failureOf(() -> history(new Actor("mallory", "x", "conn-m"), WITH_BOB, null, null)))
                .isEqualTo(new Failure.ConversationNotFound(WITH_BOB));
        String unknown = ConversationId.newGroup();
        assertThat(failureOf(() -> history(ALICE, unknown, null, null))).isEqualTo(new Failure.ConversationNotFound(unknown));
    }

    @Test
    void out_of_range_seqs_and_limits_are_bad_requests() {
        assertThat(failureOf(() -> history(ALICE, WITH_BOB, 0L, null)))
                .isEqualTo(new Failure.BadRequest("Field \"beforeSeq\" must be at least 1."));
        assertThat(failureOf(() -> history(ALICE, WITH_BOB, null, 101)))
                .isEqualTo(new Failure.BadRequest("Field \"limit\" must be 1 to 100."));
        assertThat(failureOf(() -> history(ALICE, null, null, null))).isInstanceOf(Failure.BadRequest.class);
    }
}
