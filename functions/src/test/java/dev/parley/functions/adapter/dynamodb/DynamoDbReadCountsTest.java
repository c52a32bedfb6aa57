package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.ConversationRepository.Outcome;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.conversation.MembershipChange;
import dev.parley.functions.domain.conversation.MembershipChange.Standing;
import dev.parley.functions.domain.conversation.Tier;
import dev.parley.functions.domain.receipt.CountedReads;
import dev.parley.functions.domain.receipt.ReadTally;
import dev.parley.functions.domain.sync.MemberCursors;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.MessagesTable;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.parley.model.Limits;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private static CountedReads reads;
    private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");

    @BeforeAll
    static void createTables() {
        dynamoDb = new AwsClients("us-east-1", new AwsCallCounter()).dynamoDb();
        messagesTable = MessagesTable.create(dynamoDb);
        membershipsTable = ConversationTables.memberships(dynamoDb);
        counts = new DynamoDbReadCounts(dynamoDb, messagesTable);
        reads = new CountedReads(new DynamoDbMemberCursors(dynamoDb, membershipsTable), counts);
    }

    private static void join(String userId, String conversationId) {
        dynamoDb.putItem(put -> put.tableName(membershipsTable).item(Map.of("userId", AttributeValue.fromS(userId),
                "conversationId", AttributeValue.fromS(conversationId), "tier", AttributeValue.fromS("large"),
                "readSeq", AttributeValue.fromN("0"))));
    }

    /** The member's markRead up to {@code seq}, as the markRead path makes it (a conversation past its last seq: 1,000). */
    private static void read(String userId, String conversationId, long seq) {
        reads.advance(userId, conversationId, MemberCursors.Cursor.READ, seq, 1_000L, Instant.now());
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

        read("ann", group, 3);
        read("ben", group, 5);
        read("ann", group, 8);
        read("ann", group, 8);
        read("ann", group, 6);
        read("cat", group, 8);

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

        IntStream.range(0, 70).forEach(i -> read(users.get(i), group, i + 1));

        ReadTally tally = counts.tally(group);
        assertThat(tally.exactFrom()).isEqualTo(34);
        assertThat(LongStream.of(34, 50, 70, 71).map(tally::readBy).toArray()).containsExactly(37, 21, 1, 0);
        assertThat(tally.readBy(1)).as("a lower bound below the fold").isEqualTo(37);
        assertThat(shard(group, 0).keySet().stream().filter(name -> name.startsWith("p")).count())
                .isLessThanOrEqualTo(DynamoDbReadCounts.MAX_POSITIONS);

        read(users.get(2), group, 80);
        read(users.get(49), group, 90);

        ReadTally after = counts.tally(group);
        assertThat(LongStream.of(34, 50, 51, 75, 85, 91).map(after::readBy).toArray()).containsExactly(38, 22, 22, 2, 1, 0);
    }

    /** A large group of alice (its admin), bob and {@code newcomers}, stored by the conversation repository. */
    private static String largeGroup(DynamoDbConversationRepository repository, List<String> newcomers) {
        Conversation small = new Conversation(ConversationId.newGroup(), Kind.GROUP, "Big", false, Set.of("alice", "bob"),
                Set.of("alice"), CREATED, "alice", 0, CREATED);
        assertThat(repository.create(small)).isEqualTo(Outcome.APPLIED);
        assertThat(repository.apply(new MembershipChange.Grow(small.conversationId(), "alice", Set.copyOf(newcomers),
                small.members(), CREATED))).isEqualTo(Outcome.APPLIED);
        return small.conversationId();
    }

    /** The client, with {@code rival} run once just before the first TransactWriteItems: a request that got there first. */
    private static DynamoDbClient withRivalBeforeTransaction(Runnable rival) {
        AtomicBoolean ran = new AtomicBoolean();
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[]{DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems") && ran.compareAndSet(false, true)) {
                        rival.run();
                    }
                    try {
                        return method.invoke(dynamoDb, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void a_read_counted_between_the_take_backs_read_and_its_transaction_refuses_it_and_the_next_attempt_takes_back_the_new_position() {
        String group = largeGroup(new DynamoDbConversationRepository(dynamoDb, messagesTable, membershipsTable), List.of("cat"));
        DynamoDbConversationRepository racing = new DynamoDbConversationRepository(
                withRivalBeforeTransaction(() -> read("bob", group, 9)), messagesTable, membershipsTable);
        read("bob", group, 4);
        read("cat", group, 4);
        MembershipChange.Remove removeBob = new MembershipChange.Remove(group, "alice", Set.of("bob"), Tier.LARGE);

        assertThat(racing.apply(removeBob)).as("bob read up to 9 meanwhile").isEqualTo(Outcome.REFUSED);
        assertThat(LongStream.of(4, 9).map(counts.tally(group)::readBy).toArray()).containsExactly(2, 1);
        assertThat(racing.apply(removeBob)).isEqualTo(Outcome.APPLIED);

        assertThat(LongStream.of(4, 9).map(counts.tally(group)::readBy).toArray()).containsExactly(1, 0);
        assertThat(racing.apply(removeBob)).as("a retry finds no row").isEqualTo(Outcome.REFUSED);
        assertThat(LongStream.of(4, 9).map(counts.tally(group)::readBy).toArray()).containsExactly(1, 0);
    }

    @Test
    void a_leaver_counted_below_the_shards_horizon_is_not_written_to_it() {
        DynamoDbConversationRepository repository = new DynamoDbConversationRepository(dynamoDb, messagesTable, membershipsTable);
        String group = largeGroup(repository, List.of("cat"));
        read("bob", group, 5);
        Map<String, AttributeValue> key = DynamoDbReadCounts.shardKey(group, DynamoDbReadCounts.shardOf("bob"));
        dynamoDb.updateItem(update -> update.tableName(messagesTable).key(key)
                .updateExpression("SET h = :h").expressionAttributeValues(Map.of(":h", AttributeValue.fromN("10"))));

        assertThat(repository.apply(new MembershipChange.Leave(group, "bob", Standing.MEMBER, null, Tier.LARGE)))
                .isEqualTo(Outcome.APPLIED);

        assertThat(shard(group, DynamoDbReadCounts.shardOf("bob"))).as("folded away already: left for the next fold")
                .containsEntry("p5", AttributeValue.fromN("1"));
    }

    @Test
    void the_most_members_one_removal_takes_fit_one_transaction_with_every_shard_and_are_all_taken_back() {
        AwsCallCounter calls = new AwsCallCounter();
        DynamoDbClient counted = new AwsClients("us-east-1", calls).dynamoDb();
        DynamoDbConversationRepository repository = new DynamoDbConversationRepository(counted, messagesTable, membershipsTable);
        List<String> newcomers = IntStream.range(0, Limits.MAX_REMOVE_MEMBERS).mapToObj(i -> "reader-" + UUID.randomUUID()).toList();
        String group = largeGroup(repository, newcomers);
        newcomers.forEach(user -> read(user, group, 3));
        read("bob", group, 3);
        assertThat(newcomers.stream().map(DynamoDbReadCounts::shardOf).distinct().count()).isEqualTo(DynamoDbReadCounts.SHARDS);
        calls.reset();

        assertThat(repository.apply(new MembershipChange.Remove(group, "alice", Set.copyOf(newcomers), Tier.LARGE)))
                .isEqualTo(Outcome.APPLIED);

        assertThat(calls.snapshot()).containsOnly(Map.entry("DynamoDb/BatchGetItem", 1L), Map.entry("DynamoDb/TransactWriteItems", 1L));
        assertThat(counts.tally(group).readBy(3)).as("bob, who stays").isEqualTo(1);
    }

    @Test
    void a_counted_read_is_one_conditional_write_of_the_row_and_one_add_on_the_shard() {
        AwsCallCounter calls = new AwsCallCounter();
        DynamoDbClient counted = new AwsClients("us-east-1", calls).dynamoDb();
        CountedReads countedReads = new CountedReads(new DynamoDbMemberCursors(counted, membershipsTable),
                new DynamoDbReadCounts(counted, messagesTable));
        String group = ConversationId.newGroup();
        join("ann", group);

        countedReads.advance("ann", group, MemberCursors.Cursor.READ, 3, 1_000L, Instant.now());
        countedReads.advance("ann", group, MemberCursors.Cursor.READ, 4, 1_000L, Instant.now());

        assertThat(calls.snapshot()).containsOnly(Map.entry("DynamoDb/UpdateItem", 4L));
        assertThat(countedSeq("ann", group)).isEqualTo(4);
        assertThat(LongStream.of(3, 4, 5).map(counts.tally(group)::readBy).toArray()).containsExactly(1, 1, 0);
    }

    /** The sender's own send moves their readSeq without counting them: the read cursor's condition still guards the count. */
    @Test
    void a_read_below_a_cursor_the_send_path_moved_counts_nothing_and_the_next_read_counts_once() {
        String group = ConversationId.newGroup();
        join("ann", group);
        dynamoDb.updateItem(update -> update.tableName(membershipsTable).key(ConversationWrites.membershipKey("ann", group))
                .updateExpression("SET readSeq = :s, lastSeq = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromN("5"))));

        read("ann", group, 4);
        read("ann", group, 5);
        assertThat(counts.tally(group).readBy(1)).as("not counted").isZero();
        read("ann", group, 7);

        assertThat(countedSeq("ann", group)).isEqualTo(7);
        assertThat(LongStream.of(1, 7, 8).map(counts.tally(group)::readBy).toArray()).containsExactly(1, 1, 0);
        assertThat(shard(group, DynamoDbReadCounts.shardOf("ann")).keySet()).as("no -1 anywhere").containsOnly(
                "conversationId", "seq", "p7");
    }

    @Test
    void a_small_groups_reads_are_counted_nowhere_and_its_switch_to_large_clears_them() {
        DynamoDbConversationRepository repository = new DynamoDbConversationRepository(dynamoDb, messagesTable, membershipsTable);
        Conversation small = new Conversation(ConversationId.newGroup(), Kind.GROUP, "Small", false, Set.of("alice", "bob"),
                Set.of("alice"), CREATED, "alice", 0, CREATED);
        String group = small.conversationId();
        assertThat(repository.create(small)).isEqualTo(Outcome.APPLIED);
        read("bob", group, 3);
        assertThat(counts.tally(group).readBy(1)).as("a small group has receipts, no counts").isZero();

        assertThat(repository.apply(new MembershipChange.Grow(group, "alice", Set.of("cat"), small.members(), CREATED)))
                .isEqualTo(Outcome.APPLIED);
        read("bob", group, 5);

        assertThat(LongStream.of(1, 3, 5, 6).map(counts.tally(group)::readBy).toArray()).containsExactly(1, 1, 1, 0);
        assertThat(shard(group, DynamoDbReadCounts.shardOf("bob"))).doesNotContainKey("p3");
    }
}
