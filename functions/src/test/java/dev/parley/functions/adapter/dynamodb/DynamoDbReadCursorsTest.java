package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.sync.MemberCursors.Cursor;
import dev.parley.functions.domain.viewing.ReadCursors.ReadMark;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.MessagesTable;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** An activity round's read of its members' cursors: the membership rows, batched and projected, against moto. */
class DynamoDbReadCursorsTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final AwsCallCounter CALLS = new AwsCallCounter();

    private static DynamoDbConversationRepository conversations;
    private static DynamoDbMemberActivity activity;
    private static DynamoDbMemberCursors cursors;

    @BeforeAll
    static void tables() {
        DynamoDbClient dynamoDb = new AwsClients("us-east-1", CALLS).dynamoDb();
        String messagesTable = MessagesTable.create(dynamoDb);
        String membershipsTable = ConversationTables.memberships(dynamoDb);
        conversations = new DynamoDbConversationRepository(dynamoDb, messagesTable, membershipsTable);
        activity = new DynamoDbMemberActivity(dynamoDb, membershipsTable);
        cursors = new DynamoDbMemberCursors(dynamoDb, membershipsTable);
    }

    @Test
    void each_members_read_cursor_and_join_time_come_back_and_a_member_who_never_read_reads_as_0() {
        String group = ConversationId.newGroup();
        conversations.create(Conversation.created(group, Kind.GROUP, "Team", false, Set.of("alice", "bob", "carol"),
                Set.of("alice"), T0, "alice"));
        activity.recordMessage(group, Set.of("alice", "bob", "carol"), "alice", 3, T0, T0);
        cursors.advance("bob", group, Cursor.READ, 2, null, T0.plusSeconds(5));
        CALLS.reset();

        Map<String, ReadMark> read = cursors.of(group, List.of("bob", "carol", "dave", "bob"));

        assertThat(read).containsOnly(Map.entry("bob", new ReadMark(2, T0)), Map.entry("carol", new ReadMark(0, T0)));
        assertThat(CALLS.snapshot()).containsExactly(Map.entry("DynamoDb/BatchGetItem", 1L));
    }

    @Test
    void the_read_is_one_batch_get_per_100_members() {
        List<String> users = new ArrayList<>(IntStream.range(0, 150).mapToObj(i -> "user-" + i).toList());
        CALLS.reset();

        assertThat(cursors.of(ConversationId.newGroup(), users)).isEmpty();
        assertThat(CALLS.snapshot()).containsExactly(Map.entry("DynamoDb/BatchGetItem", 2L));
    }
}
