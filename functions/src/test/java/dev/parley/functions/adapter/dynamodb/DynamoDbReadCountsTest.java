package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.receipt.ReadTally;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.MessagesTable;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Read counts in shard items of the messages table and countedSeq in the rows, against a real moto server. */
class DynamoDbReadCountsTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static DynamoDbClient dynamoDb;
    private static String messagesTable;
    private static String membershipsTable;
    private static DynamoDbReadCounts counts;

    @BeforeAll
    static void createTables() {
        dynamoDb = new AwsClients("us-east-1", new AwsCallCounter()).dynamoDb();
        messagesTable = MessagesTable.create(dynamoDb);
        membershipsTable = ConversationTables.memberships(dynamoDb);
        counts = new DynamoDbReadCounts(dynamoDb, messagesTable, membershipsTable);
    }

    private static void join(String userId, String conversationId) {
        dynamoDb.putItem(put -> put.tableName(membershipsTable).item(Map.of("userId", AttributeValue.fromS(userId),
                "conversationId", AttributeValue.fromS(conversationId), "tier", AttributeValue.fromS("large"),
                "readSeq", AttributeValue.fromN("0"))));
    }

    private static long countedSeq(String userId, String conversationId) {
        return Long.parseLong(dynamoDb.getItem(get -> get.tableName(membershipsTable)
                .key(ConversationWrites.membershipKey(userId, conversationId))).item().get("countedSeq").n());
    }

    private static Map<String, AttributeValue> shard(String conversationId, int shard) {
        return dynamoDb.getItem(get -> get.tableName(messagesTable).consistentRead(true)
                .key(DynamoDbReadCounts.shardKey(conversationId, shard))).item();
    }

    @Test
    void a_move_takes_the_member_from_one_position_to_the_next_and_is_counted_once() {
        String group = ConversationId.newGroup();
        List<String> users = List.of("ann", "ben", "cat", "dan");
        users.forEach(user -> join(user, group));

        counts.countReader(group, "ann", 3);
        counts.countReader(group, "ben", 5);
        counts.countReader(group, "ann", 8);
        counts.countReader(group, "ann", 8);
        counts.countReader(group, "ann", 6);
        counts.countReader(group, "cat", 8);

        ReadTally tally = counts.tally(group);
        assertThat(tally.exactFrom()).isEqualTo(1);
        assertThat(LongStream.of(1, 3, 5, 6, 8, 9).map(tally::readBy).toArray()).containsExactly(3, 3, 3, 2, 2, 0);
        assertThat(countedSeq("ann", group)).as("a regression leaves the position").isEqualTo(8);
        assertThat(shard(group, DynamoDbReadCounts.shardOf("ann"))).containsEntry("p3", AttributeValue.fromN("0"));
        assertThat(counts.tally(ConversationId.newGroup()).readBy(1)).as("nobody counted").isZero();
    }

    /**
     * 70 members of one shard at 70 different seqs: the shard folds at the 65th position, keeping the
     * 32 newest exact; a member below the fold who reads again is counted at their new position.
     */
    @Test
    void a_shard_with_too_many_positions_folds_the_old_ones_and_stays_exact_for_the_newest() {
        String group = ConversationId.newGroup();
        List<String> users = IntStream.range(0, 10_000).mapToObj(i -> "member-" + i)
                .filter(user -> DynamoDbReadCounts.shardOf(user) == 0).limit(70).toList();
        users.forEach(user -> join(user, group));

        IntStream.range(0, 70).forEach(i -> counts.countReader(group, users.get(i), i + 1));

        ReadTally tally = counts.tally(group);
        assertThat(tally.exactFrom()).isEqualTo(34);
        assertThat(LongStream.of(34, 50, 70, 71).map(tally::readBy).toArray()).containsExactly(37, 21, 1, 0);
        assertThat(tally.readBy(1)).as("a lower bound below the fold").isEqualTo(37);
        assertThat(shard(group, 0).keySet().stream().filter(name -> name.startsWith("p")).count())
                .isLessThanOrEqualTo(DynamoDbReadCounts.MAX_POSITIONS);

        counts.countReader(group, users.get(2), 80);
        counts.countReader(group, users.get(49), 90);

        ReadTally after = counts.tally(group);
        assertThat(LongStream.of(34, 50, 51, 75, 85, 91).map(after::readBy).toArray()).containsExactly(38, 22, 22, 2, 1, 0);
    }
}
