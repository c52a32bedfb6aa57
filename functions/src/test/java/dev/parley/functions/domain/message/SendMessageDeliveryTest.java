package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.push.MessagePushes;
import dev.parley.functions.domain.sync.InMemoryMemberCursors;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery to an online device is recorded by the send path itself (issue #17): the member's row
 * says delivered in the same write that records the message, the sending device hears it in the
 * reply and the sender's other live devices by a receipt event.
 */
class SendMessageDeliveryTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String DIRECT = ConversationId.direct("alice", "bob");
    private static final Actor ALICE_PHONE = new Actor("alice", "phone", "conn-alice-phone");

    private final InMemoryMessageRepository messages = new InMemoryMessageRepository();
    private final InMemoryMemberCursors rows = new InMemoryMemberCursors();
    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final LiveConnections live = connections.liveAt(NOW);
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();
    private final SendMessage sendMessage = new SendMessage(messages, new FanOut(live, publisher), MessagePushes.off(), rows,
            Attachments.none(), MemberDevices.NONE, Clock.fixed(NOW, ZoneOffset.UTC), LargeGroupSend.off());

    private static MessageDraft draft(String conversationId, String clientMessageId) {
        return MessageDraft.of(conversationId, clientMessageId, "hello", null, null, null);
    }

    private void online(String userId, String deviceId) {
        connections.save(Connection.opened("conn-" + userId + "-" + deviceId, userId, deviceId, NOW));
    }

    @BeforeEach
    void aliceAndBobShareAConversation() {
        messages.create(DIRECT, Kind.DIRECT, false, Set.of("alice", "bob"));
        rows.join("alice", DIRECT, 0);
        rows.join("bob", DIRECT, 0);
        online("alice", "phone");
    }

    @Test
    void a_live_post_to_the_recipient_records_delivery_and_the_reply_says_so_without_any_receipt_post() {
        online("bob", "pixel");

        SendMessage.Result sent = sendMessage.send(ALICE_PHONE, draft(DIRECT, "m1"));

        assertThat(sent.deliveredTo()).containsExactly("bob");
        assertThat(rows.get("bob", DIRECT).deliveredSeq()).isEqualTo(1);
        assertThat(rows.get("bob", DIRECT).readSeq()).as("delivered, not read").isZero();
        assertThat(publisher.posts()).extracting(post -> post.frame().path("type").asText())
                .as("alice has no other device: the message to bob is the only post").containsExactly(Actions.MESSAGE_EVENT);
    }

    @Test
    void an_offline_recipient_is_not_delivered_and_learns_nothing_is_claimed() {
        SendMessage.Result sent = sendMessage.send(ALICE_PHONE, draft(DIRECT, "m1"));

        assertThat(sent.deliveredTo()).isEmpty();
        assertThat(rows.get("bob", DIRECT).deliveredSeq()).isZero();
        assertThat(rows.get("bob", DIRECT).lastSeq()).isEqualTo(1);
    }

    @Test
    void the_senders_other_live_device_gets_the_delivered_receipt_with_the_recipients_read_cursor() {
        online("bob", "pixel");
        online("alice", "laptop");
        sendMessage.send(ALICE_PHONE, draft(DIRECT, "m1"));
        rows.advance("bob", DIRECT, dev.parley.functions.domain.sync.MemberCursors.Cursor.READ, 1, null, NOW);

        sendMessage.send(ALICE_PHONE, draft(DIRECT, "m2"));

        var receipts = publisher.posts().stream().filter(post -> post.frame().path("type").asText().equals(Actions.RECEIPT_EVENT))
                .toList();
        assertThat(receipts).hasSize(2).allSatisfy(post -> assertThat(post.to().connectionId()).isEqualTo("conn-alice-laptop"));
        var second = receipts.get(1).frame();
        assertThat(second.path("userId").asText()).isEqualTo("bob");
        assertThat(second.path("deliveredSeq").asLong()).isEqualTo(2);
        assertThat(second.path("readSeq").asLong()).isEqualTo(1);
        assertThat(second.has("deviceId")).as("no device moved it: the server recorded it").isFalse();
        assertThat(second.has("unreadCount")).isFalse();
    }

    @Test
    void a_retry_of_a_stored_send_claims_no_delivery() {
        online("bob", "pixel");
        sendMessage.send(ALICE_PHONE, draft(DIRECT, "m1"));

        SendMessage.Result retry = sendMessage.send(ALICE_PHONE, draft(DIRECT, "m1"));

        assertThat(retry.alreadyStored()).isTrue();
        assertThat(retry.deliveredTo()).isEmpty();
    }

    @Test
    void a_group_above_the_receipts_limit_records_delivery_on_rows_but_names_nobody_and_posts_no_receipt() {
        List<String> members = IntStream.range(0, Limits.RECEIPTS_MAX_MEMBERS).mapToObj(i -> "user" + i).toList();
        Set<String> all = new HashSet<>(members);
        all.add("alice");
        String group = ConversationId.newGroup();
        messages.create(group, Kind.GROUP, false, all);
        all.forEach(userId -> rows.join(userId, group, 0));
        members.forEach(userId -> online(userId, "phone"));
        online("alice", "laptop");

        SendMessage.Result sent = sendMessage.send(ALICE_PHONE, draft(group, "g1"));

        assertThat(sent.deliveredTo()).isEmpty();
        assertThat(rows.get("user0", group).deliveredSeq()).isEqualTo(1);
        assertThat(publisher.posts()).extracting(post -> post.frame().path("type").asText()).containsOnly(Actions.MESSAGE_EVENT);
    }
}
