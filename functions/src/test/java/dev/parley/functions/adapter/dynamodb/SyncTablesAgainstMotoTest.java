package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.ConversationRepository;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.message.Message;
import dev.parley.functions.domain.message.MessageBody;
import dev.parley.functions.domain.sync.MemberCursors;
import dev.parley.functions.domain.sync.MemberCursors.Cursor;
import dev.parley.functions.domain.sync.MemberState;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.MessagesTable;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send path's row updates, the cursor reads and moves, and the timeline pages against moto:
 * the conditions that keep cursors forward-only and removed members' rows gone.
 */
class SyncTablesAgainstMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = MotoServer.serialized();
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private static DynamoDbClient dynamoDb;
    private static DynamoDbConversationRepository conversations;
    private static DynamoDbMessageRepository messages;
    private static DynamoDbMemberActivity activity;
    private static DynamoDbMemberCursors cursors;
    private static DynamoDbTimeline timeline;

    @BeforeAll
    static void tables() {
        dynamoDb = new AwsClients("us-east-1", new AwsCallCounter()).dynamoDb();
        String messagesTable = MessagesTable.create(dynamoDb);
        String membershipsTable = ConversationTables.memberships(dynamoDb);
        conversations = new DynamoDbConversationRepository(dynamoDb, messagesTable, membershipsTable);
        messages = new DynamoDbMessageRepository(dynamoDb, messagesTable);
        activity = new DynamoDbMemberActivity(dynamoDb, membershipsTable);
        cursors = new DynamoDbMemberCursors(dynamoDb, membershipsTable);
        timeline = new DynamoDbTimeline(dynamoDb, messagesTable);
    }

    private static String groupOf(String... members) {
        String id = ConversationId.newGroup();
        assertThat(conversations.create(Conversation.created(id, Kind.GROUP, "Team", false, Set.of(members),
                Set.of(members[0]), T0, members[0]))).isEqualTo(ConversationRepository.Outcome.APPLIED);
        return id;
    }

    private static void store(String conversationId, long seq, String senderId) {
        Message message = new Message(conversationId, seq, senderId, "phone", "c" + seq, T0.plusSeconds(seq),
                seq % 2 == 0 ? new MessageBody.Text("text " + seq) : new MessageBody.Ciphertext("Y2lwaGVy", "x25519"),
                seq > 1 ? seq - 1 : null);
        messages.append(message);
        activity.recordMessage(conversationId, Set.of("alice", "bob", "carol"), senderId, seq, message.sentAt(),
                T0.plusSeconds(seq));
    }

    private static MemberState row(String userId, String conversationId) {
        return cursors.row(userId, conversationId).orElseThrow();
    }

    @Test
    void a_stored_message_moves_every_members_row_and_the_senders_cursors_but_never_backwards() {
        String group = groupOf("alice", "bob");
        store(group, 1, "alice");
        store(group, 2, "bob");
        activity.recordMessage(group, Set.of("alice", "bob"), "alice", 1, T0, T0.plusSeconds(60));

        assertThat(row("alice", group)).isEqualTo(new MemberState("alice", group, 2, T0.plusSeconds(2).toEpochMilli(),
                T0.plusSeconds(2).toEpochMilli(), 1, 1, 0));
        assertThat(row("bob", group).readSeq()).as("the sender has read their own message").isEqualTo(2);
        assertThat(cursors.row("carol", group)).as("a non-member's row is never created").isEmpty();
    }

    @Test
    void a_member_a_live_post_reached_is_delivered_in_the_same_write_and_its_read_cursor_comes_back() {
        String group = groupOf("alice", "bob", "carol");
        messages.append(new Message(group, 1, "alice", "phone", "c1", T0, new MessageBody.Text("one"), null));
        activity.recordMessage(group, Set.of("alice", "bob", "carol"), "alice", 1, T0, T0);
        cursors.advance("bob", group, Cursor.READ, 1, null, T0);
        messages.append(new Message(group, 2, "alice", "phone", "c2", T0, new MessageBody.Text("two"), null));

        var readSeqs = activity.recordMessage(group, Set.of("alice", "bob", "carol"), "alice", Set.of("bob"), 2, T0, T0);

        assertThat(readSeqs).containsExactly(Map.entry("bob", 1L));
        assertThat(row("bob", group).deliveredSeq()).isEqualTo(2);
        assertThat(row("bob", group).readSeq()).isEqualTo(1);
        assertThat(row("carol", group).deliveredSeq()).as("not reached").isZero();
        assertThat(activity.recordMessage(group, Set.of("alice", "bob"), "alice", Set.of("bob"), 2, T0, T0))
                .as("a row already at this seq is left alone and reported as nothing moved").isEmpty();
    }

    @Test
    void a_membership_change_touches_the_remaining_members_rows_and_never_creates_one() {
        String group = groupOf("alice", "bob");
        Instant later = T0.plusSeconds(3_600);

        activity.touch(group, Set.of("alice", "carol"), later);

        assertThat(row("alice", group).updatedAt()).isEqualTo(later.toEpochMilli());
        assertThat(row("bob", group).updatedAt()).isEqualTo(T0.toEpochMilli());
        assertThat(cursors.row("carol", group)).isEmpty();
    }

    @Test
    void a_users_rows_come_back_with_their_cursors_and_other_members_rows_in_one_batch() {
        String first = groupOf("alice", "bob");
        String second = groupOf("alice", "carol");
        store(first, 1, "bob");

        assertThat(cursors.of("alice")).extracting(MemberState::conversationId).contains(first, second);
        assertThat(cursors.rows(List.of(new MemberCursors.Key("bob", first), new MemberCursors.Key("carol", second),
                new MemberCursors.Key("carol", first)))).extracting(MemberState::userId).containsExactlyInAnyOrder("bob", "carol");
        MemberState fresh = row("carol", second);
        assertThat(fresh.lastSeq()).isZero();
        assertThat(fresh.updatedAt()).as("joinedAt stands in for a row never updated").isEqualTo(T0.toEpochMilli());
    }

    @Test
    void cursors_move_forward_only_and_never_past_the_rows_last_seq_unless_told_the_true_one() {
        String group = groupOf("alice", "bob");
        store(group, 1, "bob");
        store(group, 2, "bob");
        Instant now = T0.plusSeconds(100);

        assertThat(cursors.advance("alice", group, Cursor.READ, 3, null, now)).isEmpty();
        assertThat(cursors.advance("alice", group, Cursor.READ, 2, null, now)).hasValueSatisfying(moved -> {
            assertThat(moved.readSeq()).isEqualTo(2);
            assertThat(moved.updatedAt()).isEqualTo(now.toEpochMilli());
        });
        assertThat(cursors.advance("alice", group, Cursor.READ, 1, null, now)).isEmpty();
        assertThat(cursors.advance("alice", group, Cursor.DELIVERED, 2, null, now)).as("read implies delivered").isEmpty();
        assertThat(cursors.advance("alice", group, Cursor.READ, 3, 3L, now)).hasValueSatisfying(moved ->
                assertThat(moved.lastSeq()).isEqualTo(3));
        assertThat(cursors.advance("nobody", group, Cursor.READ, 1, 5L, now)).isEmpty();
        assertThat(cursors.row("nobody", group)).isEmpty();
    }

    @Test
    void pages_of_messages_come_oldest_first_with_their_bodies_and_never_the_header() {
        String group = groupOf("alice", "bob");
        LongStream.rangeClosed(1, 6).forEach(seq -> store(group, seq, "alice"));

        assertThat(timeline.after(group, 3, 10)).extracting(Message::seq).containsExactly(4L, 5L, 6L);
        assertThat(timeline.before(group, Long.MAX_VALUE, 2)).extracting(Message::seq).containsExactly(5L, 6L);
        List<Message> first = timeline.before(group, 3, 10);
        assertThat(first).extracting(Message::seq).containsExactly(1L, 2L);
        assertThat(first.get(0).body()).isEqualTo(new MessageBody.Ciphertext("Y2lwaGVy", "x25519"));
        assertThat(first.get(1).body()).isEqualTo(new MessageBody.Text("text 2"));
        assertThat(first.get(1).replyToSeq()).isEqualTo(1L);
    }

    @Test
    void headers_are_read_in_one_batch_and_unknown_ids_are_left_out() {
        String group = groupOf("alice", "bob");
        String unknown = ConversationId.newGroup();

        Map<String, Conversation> headers = timeline.headers(List.of(group, unknown));

        assertThat(headers).containsOnlyKeys(group);
        assertThat(headers.get(group).members()).containsExactlyInAnyOrder("alice", "bob");
        assertThat(headers.get(group).title()).isEqualTo("Team");
    }
}
