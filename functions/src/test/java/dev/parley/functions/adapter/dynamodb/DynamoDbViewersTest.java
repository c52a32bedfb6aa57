package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.viewing.ActivityRounds;
import dev.parley.functions.domain.viewing.Viewers;
import dev.parley.functions.testing.MotoServer;
import dev.parley.functions.testing.ViewersTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each conversation's viewers (sharded), recent removals and activity rounds, against a real moto server. */
class DynamoDbViewersTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final AwsCallCounter CALLS = new AwsCallCounter();
    private static DynamoDbClient dynamoDb;
    private static String table;
    private static DynamoDbViewers viewers;

    @BeforeAll
    static void createTable() {
        dynamoDb = new AwsClients("us-east-1", CALLS).dynamoDb();
        table = ViewersTable.create(dynamoDb);
        viewers = new DynamoDbViewers(dynamoDb, table);
    }

    private static Recipient socket(int i) {
        return new Recipient("user-" + i, "conn-" + i, "phone");
    }

    /** Every viewer entry of {@code conversationId}: the heads of all shards, then each shard's rest {@code limit} at a time. */
    private static List<Viewers.Viewer> readAll(String conversationId, int limit) {
        List<Viewers.Viewer> read = new ArrayList<>();
        List<Viewers.Page> heads = viewers.heads(conversationId, limit);
        assertThat(heads).hasSize(Viewers.SHARDS);
        for (int shard = 0; shard < heads.size(); shard++) {
            Viewers.Page page = heads.get(shard);
            read.addAll(page.viewers());
            while (page.next() != null) {
                page = viewers.page(conversationId, shard, page.next(), limit);
                read.addAll(page.viewers());
            }
        }
        return read;
    }

    @Test
    void viewers_are_read_a_page_at_a_time_shard_by_shard_and_a_forgotten_one_is_gone() {
        String team = ConversationId.newGroup();
        for (int i = 0; i < 40; i++) {
            viewers.record(team, socket(i), NOW.plusSeconds(60));
        }
        viewers.record(ConversationId.newGroup(), socket(99), NOW.plusSeconds(60));
        viewers.forget(team, "conn-3");
        viewers.record(team, socket(4), NOW.plusSeconds(120));

        List<Viewers.Viewer> read = readAll(team, 2);

        List<Viewers.Viewer> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            if (i != 3) {
                expected.add(new Viewers.Viewer(socket(i), NOW.plusSeconds(i == 4 ? 120 : 60)));
            }
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
        for (int shard = 0; shard < Viewers.SHARDS; shard++) {
            int inShard = shard;
            assertThat(viewers.page(team, shard, null, 100).viewers()).as("shard %d holds only its own sockets", shard)
                    .allSatisfy(viewer -> assertThat(Viewers.shardOf(viewer.socket().connectionId())).isEqualTo(inShard));
        }
        viewers.forget(team, "never-viewed");
    }

    @Test
    void an_entry_written_before_the_shards_is_not_read() {
        String team = ConversationId.newGroup();
        dynamoDb.putItem(put -> put.tableName(table).item(Map.of("conversationId", AttributeValue.fromS(team),
                "entry", AttributeValue.fromS("v#conn-old"), "userId", AttributeValue.fromS("user-old"),
                "deviceId", AttributeValue.fromS("phone"), "until", AttributeValue.fromN(Long.toString(NOW.plusSeconds(60).toEpochMilli())))));
        viewers.record(team, socket(1), NOW.plusSeconds(60));

        assertThat(readAll(team, 10)).extracting(viewer -> viewer.socket().connectionId()).containsExactly("conn-1");
    }

    @Test
    void removals_are_read_back_since_a_time_and_viewers_and_rounds_are_not_removals() {
        String team = ConversationId.newGroup();
        viewers.record(team, socket(1), NOW.plusSeconds(60));
        viewers.claim(team, 1, NOW, NOW.minusSeconds(30));
        viewers.record(team, Set.of("user-1", "user-2"), NOW);
        viewers.record(team, Set.of("user-3"), NOW.minusSeconds(3600));

        assertThat(viewers.since(team, NOW.minusSeconds(900))).containsExactlyInAnyOrder("user-1", "user-2");
        assertThat(viewers.since(team, NOW)).isEmpty();
        assertThat(viewers.since(ConversationId.newGroup(), NOW.minusSeconds(900))).isEmpty();
        assertThat(readAll(team, 10)).extracting(viewer -> viewer.socket().userId()).containsExactly("user-1");
    }

    @Test
    void an_activity_round_is_granted_once_per_interval_and_hands_back_the_round_it_replaces() {
        String team = ConversationId.newGroup();
        CALLS.reset();

        assertThat(viewers.claim(team, 7, NOW, NOW.minusSeconds(30))).contains(new ActivityRounds.Claim(null));
        assertThat(viewers.claim(team, 9, NOW.plusSeconds(29), NOW.minusSeconds(1))).isEmpty();
        assertThat(viewers.claim(team, 12, NOW.plusSeconds(30), NOW))
                .contains(new ActivityRounds.Claim(new ActivityRounds.Round(NOW, 7)));
        assertThat(viewers.claim(team, 40, NOW.plusSeconds(60), NOW.plusSeconds(30)))
                .contains(new ActivityRounds.Claim(new ActivityRounds.Round(NOW.plusSeconds(30), 12)));
        assertThat(viewers.claim(ConversationId.newGroup(), 3, NOW, NOW.minusSeconds(30))).contains(new ActivityRounds.Claim(null));
        assertThat(CALLS.snapshot()).as("the previous round comes back with the claim").containsExactly(Map.entry("DynamoDb/UpdateItem", 5L));
    }

    @Test
    void a_round_item_from_before_rounds_kept_their_seq_counts_as_no_previous_round() {
        String team = ConversationId.newGroup();
        dynamoDb.putItem(put -> put.tableName(table).item(Map.of("conversationId", AttributeValue.fromS(team),
                "entry", AttributeValue.fromS("round"), "at", AttributeValue.fromN(Long.toString(NOW.minusSeconds(60).toEpochMilli())))));

        assertThat(viewers.claim(team, 8, NOW, NOW.minusSeconds(30))).contains(new ActivityRounds.Claim(null));
    }
}
