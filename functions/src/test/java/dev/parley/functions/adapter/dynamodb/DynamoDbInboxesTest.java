package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.push.Inbox;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's membership rows as the push worker reads them, against a real moto server. */
class DynamoDbInboxesTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static DynamoDbClient dynamoDb;
    private static String membershipsTable;
    private static DynamoDbInboxes inboxes;

    @BeforeAll
    static void createTable() {
        dynamoDb = new AwsClients("us-east-1", new AwsCallCounter()).dynamoDb();
        membershipsTable = ConversationTables.memberships(dynamoDb);
        inboxes = new DynamoDbInboxes(dynamoDb, membershipsTable);
    }

    /** A row as the conversations side writes it, with {@code extra} attributes (name, number or "large" for tier). */
    private static void row(String userId, String conversationId, Map<String, String> extra) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("userId", AttributeValue.fromS(userId),
                "conversationId", AttributeValue.fromS(conversationId), "role", AttributeValue.fromS("member"),
                "joinedAt", AttributeValue.fromN("1000"), "readSeq", AttributeValue.fromN("0")));
        extra.forEach((name, value) -> item.put(name, name.equals("tier") ? AttributeValue.fromS(value) : AttributeValue.fromN(value)));
        dynamoDb.putItem(put -> put.tableName(membershipsTable).item(item));
    }

    @Test
    void rows_of_large_conversations_are_marked_and_a_row_never_changed_dates_from_joining() {
        String user = "user-" + UUID.randomUUID();
        String small = ConversationId.newGroup();
        String read = ConversationId.newGroup();
        String untouched = ConversationId.newGroup();
        row(user, small, Map.of("lastSeq", "9", "readSeq", "4", "updatedAt", "5000"));
        row(user, read, Map.of("tier", "large", "lastSeq", "3", "readSeq", "3", "updatedAt", "7000"));
        row(user, untouched, Map.of("tier", "large"));

        Inbox inbox = inboxes.of(user);

        assertThat(inbox.conversations()).isEqualTo(Map.of(
                small, new Inbox.Entry(9, 4, 0, false, 5000),
                read, new Inbox.Entry(3, 3, 0, true, 7000),
                untouched, new Inbox.Entry(0, 0, 0, true, 1000)));
        assertThat(inbox.largeToRead(small, 5)).containsExactly(read, untouched);
        assertThat(inbox.largeToRead(read, 5)).as("never the pushed one").containsExactly(untouched);
        assertThat(inbox.largeToRead(small, 1)).containsExactly(read);
    }

    @Test
    void muting_bumps_the_rows_update_time_so_the_badge_reads_it_first() {
        String user = "user-" + UUID.randomUUID();
        String first = ConversationId.newGroup();
        String second = ConversationId.newGroup();
        row(user, first, Map.of("tier", "large", "updatedAt", "2000"));
        row(user, second, Map.of("tier", "large", "updatedAt", "3000"));

        assertThat(inboxes.mute(user, first, 0, Instant.ofEpochMilli(4000))).isTrue();

        assertThat(inboxes.of(user).largeToRead(ConversationId.newGroup(), 1)).containsExactly(first);
        assertThat(inboxes.mute(user, ConversationId.newGroup(), 0, Instant.ofEpochMilli(4000))).as("not a member").isFalse();
        assertThat(inboxes.of("user-" + UUID.randomUUID()).conversations()).as("a user in nothing").isEmpty();
    }
}
