package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.push.MessagePushes;
import dev.parley.functions.domain.sync.InMemoryMemberCursors;
import dev.parley.functions.domain.sync.MemberState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The send path keeps every member's row current: what sync, unread counts and badges read. */
class SendMessageActivityTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String DIRECT = ConversationId.direct("alice", "bob");
    private static final Actor ALICE = new Actor("alice", "phone", "conn-alice");

    private final InMemoryMessageRepository messages = new InMemoryMessageRepository();
    private final InMemoryMemberCursors rows = new InMemoryMemberCursors();
    private final FanOut fanOut = new FanOut(userIds -> List.of(), new RecordingEventPublisher());

    private SendMessage sendMessage(MemberActivity activity) {
        return new SendMessage(messages, fanOut, MessagePushes.off(), activity,
                Attachments.none(), MemberDevices.NONE, Clock.fixed(NOW, ZoneOffset.UTC), LargeGroupSend.off());
    }

    private static MessageDraft draft(String clientMessageId) {
        return MessageDraft.of(DIRECT, clientMessageId, "hello", null, null, null);
    }

    @BeforeEach
    void aliceAndBobShareAConversation() {
        messages.create(DIRECT, Kind.DIRECT, false, Set.of("alice", "bob"));
        rows.join("alice", DIRECT, 0);
        rows.join("bob", DIRECT, 0);
    }

    @Test
    void a_stored_message_raises_every_members_last_seq_and_counts_as_read_by_its_sender() {
        sendMessage(rows).send(ALICE, draft("m1"));
        sendMessage(rows).send(ALICE, draft("m2"));

        assertThat(rows.get("bob", DIRECT)).isEqualTo(new MemberState("bob", DIRECT, 2, NOW.toEpochMilli(), NOW.toEpochMilli(), 0, 0, 0));
        assertThat(rows.get("alice", DIRECT).readSeq()).isEqualTo(2);
        assertThat(rows.get("bob", DIRECT).unread(0)).isEqualTo(2);
    }

    @Test
    void a_retry_of_a_stored_send_repairs_rows_a_crashed_attempt_left_behind() {
        sendMessage(MemberActivity.none()).send(ALICE, draft("m1"));
        assertThat(rows.get("bob", DIRECT).lastSeq()).as("the attempt died before the rows").isZero();

        SendMessage.Result retry = sendMessage(rows).send(ALICE, draft("m1"));

        assertThat(retry.alreadyStored()).isTrue();
        assertThat(rows.get("bob", DIRECT).lastSeq()).isEqualTo(1);
    }

    @Test
    void rows_that_cannot_be_updated_never_fail_the_send() {
        SendMessage.Result sent = sendMessage((conversationId, members, senderId, delivered, seq, at, now) -> {
            throw new IllegalStateException("memberships table down");
        }).send(ALICE, draft("m1"));

        assertThat(sent.seq()).isEqualTo(1);
        assertThat(messages.messages(DIRECT)).hasSize(1);
    }
}
