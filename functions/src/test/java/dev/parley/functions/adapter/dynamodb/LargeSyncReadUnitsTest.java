package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.conversation.MembershipChange;
import dev.parley.functions.domain.message.MessageDraft;
import dev.parley.functions.domain.sync.Timeline;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.MessagesTable;
import dev.parley.functions.testing.MotoServer;
import dev.parley.model.Limits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins what a sync of a large conversation reads of the conversation's partition (docs/cost.md, "Hot
 * partitions"): one eventually consistent Query of the real header of a group that grew large and
 * {@link Limits#LARGE_SYNC_PAGE} + 1 real messages of 100 characters, summed and rounded up to 4 KB as
 * DynamoDB bills a Query, is 0.5 read units; so 5,000 members syncing in the same second read 2,500 of
 * the partition's 3,000 read units. A larger page, or a second read per sync, fails here.
 */
class LargeSyncReadUnitsTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    /** DynamoDB's read capacity of one partition, in read units per second. */
    private static final int PARTITION_READ_UNITS = 3_000;
    private static final int MEMBERS_SYNCING_AT_ONCE = 5_000;

    private static final List<QueryResponse> queries = new CopyOnWriteArrayList<>();
    private static DynamoDbTimeline timeline;
    private static DynamoDbMessageRepository messages;
    private static DynamoDbConversationRepository conversations;

    @BeforeAll
    static void tables() {
        DynamoDbClient real = new AwsClients("us-east-1", new AwsCallCounter()).dynamoDb();
        DynamoDbClient recording = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[]{DynamoDbClient.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(real, args);
                        if (result instanceof QueryResponse response) {
                            queries.add(response);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        String messagesTable = MessagesTable.create(real);
        conversations = new DynamoDbConversationRepository(real, messagesTable, ConversationTables.memberships(real));
        messages = new DynamoDbMessageRepository(real, messagesTable);
        timeline = new DynamoDbTimeline(recording, messagesTable);
    }

    /** A group of 64 grown past the small tier, as addMembers leaves it: its header lists nobody. */
    private static String largeGroup() {
        String id = ConversationId.newGroup();
        Set<String> first = IntStream.range(0, Limits.MAX_MEMBERS).mapToObj(i -> "u-" + i).collect(Collectors.toSet());
        conversations.create(Conversation.created(id, Kind.GROUP, "The whole company", false, first, Set.of("u-0"), T0, "u-0"));
        conversations.apply(new MembershipChange.Grow(id, "u-0", Set.of("u-64", "u-65"), first, T0));
        assertThat(conversations.find(id, dev.parley.functions.domain.conversation.ConversationRepository.Consistency.STRONG).orElseThrow().members()).as("a large header").isEmpty();
        return id;
    }

    private static void store(String id, int count) {
        Actor sender = new Actor("0b7c4f1e-8d2a-4c3b-9e5f-1a2b3c4d5e6f", "phone-7f3a", "conn-1");
        for (long seq = 1; seq <= count; seq++) {
            messages.append(MessageDraft.of(id, "01JGZ8Q4W6T3R2N1M0K9H8G" + String.format("%03d", seq), "x".repeat(100), null, null, null)
                    .toMessage(sender, seq, T0.plusSeconds(seq), List.of()));
        }
    }

    @Test
    void one_sync_reads_the_partition_once_for_half_a_read_unit_so_5000_at_once_stay_under_its_capacity() {
        String id = largeGroup();
        store(id, 40);
        queries.clear();

        Timeline.Latest latest = timeline.latest(id, 1, Limits.LARGE_SYNC_PAGE + 1).orElseThrow();

        assertThat(latest.newestFirst()).hasSize(Limits.LARGE_SYNC_PAGE + 1);
        assertThat(queries).as("one Query").hasSize(1);
        long bytes = queries.getFirst().items().stream().mapToLong(LargeSyncReadUnitsTest::itemBytes).sum();
        double readUnits = Math.ceil(bytes / 4096.0) * 0.5;
        assertThat(readUnits).as("%d bytes read", bytes).isEqualTo(0.5);
        assertThat(MEMBERS_SYNCING_AT_ONCE * readUnits).isLessThanOrEqualTo(PARTITION_READ_UNITS);
    }

    @Test
    void the_read_stops_at_the_devices_cursor_and_its_header_knows_the_last_message() {
        String id = largeGroup();
        store(id, 12);

        Timeline.Latest latest = timeline.latest(id, 10, Limits.LARGE_SYNC_PAGE + 1).orElseThrow();

        assertThat(latest.newestFirst()).extracting(dev.parley.functions.domain.message.Message::seq).containsExactly(12L, 11L, 10L);
        assertThat(latest.header().lastSeq()).isEqualTo(12);
        assertThat(latest.header().lastActivityAt()).isEqualTo(T0.plusSeconds(12));
        assertThat(latest.header().tier()).isEqualTo(dev.parley.functions.domain.conversation.Tier.LARGE);
        assertThat(timeline.latest(ConversationId.newGroup(), 1, 9)).isEmpty();
    }

    /** An item's size by DynamoDB's rules for the types a header and a text message hold. */
    private static long itemBytes(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToLong(attribute -> utf8(attribute.getKey()) + valueBytes(attribute.getValue())).sum();
    }

    private static long valueBytes(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> 1 + (value.n().replace("-", "").replace(".", "").length() + 1) / 2;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(LargeSyncReadUnitsTest::utf8).sum();
            default -> throw new IllegalArgumentException("not in a header or a text message: " + value.type());
        };
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
