package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.ratelimit.PerMinuteLimit;
import dev.parley.functions.domain.ratelimit.RateLimiter;
import dev.parley.functions.domain.ratelimit.RateLimiterContract;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The limiter against a real moto server, through the production client factory. */
class DynamoDbRateLimiterTest extends RateLimiterContract {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final AwsCallCounter CALLS = new AwsCallCounter();
    private static DynamoDbClient dynamoDb;
    private static String table;
    private static DynamoDbRateLimiter limiter;

    @BeforeAll
    static void createTable() {
        dynamoDb = new AwsClients("us-east-1", CALLS).dynamoDb();
        table = ConversationTables.rateLimits(dynamoDb);
        limiter = new DynamoDbRateLimiter(dynamoDb, table);
    }

    @Override
    protected RateLimiter limiter() {
        return limiter;
    }

    private static PerMinuteLimit findUsersAt(Instant now) {
        return new PerMinuteLimit("findUsers", 30, limiter, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void a_user_gets_30_calls_in_a_minute_and_30_more_in_the_next() {
        String user = "sub-" + UUID.randomUUID();
        Instant minute = Instant.parse("2026-03-01T12:00:00Z");

        long admitted = IntStream.range(0, 31).filter(i -> findUsersAt(minute.plusSeconds(i)).admits(user)).count();
        long nextMinute = IntStream.range(0, 31).filter(i -> findUsersAt(minute.plusSeconds(60 + i)).admits(user)).count();

        assertThat(admitted).isEqualTo(30);
        assertThat(nextMinute).isEqualTo(30);
    }

    @Test
    void exactly_30_calls_pass_in_a_calendar_minute_the_31st_is_refused_to_its_last_millisecond_and_the_next_starts_fresh() {
        String user = "sub-" + UUID.randomUUID();
        Instant minute = Instant.parse("2026-03-01T12:00:00Z");
        Instant next = minute.plusSeconds(60);

        List<Boolean> window = IntStream.range(0, 30).mapToObj(i -> findUsersAt(minute.plusSeconds(2L * i)).admits(user)).toList();
        boolean atTheLastMillisecond = findUsersAt(next.minusMillis(1)).admits(user);
        List<Boolean> nextWindow = IntStream.range(0, 31).mapToObj(i -> findUsersAt(next.plusMillis(i)).admits(user)).toList();

        assertThat(window).containsExactlyElementsOf(Collections.nCopies(30, true));
        assertThat(atTheLastMillisecond).isFalse();
        assertThat(nextWindow.subList(0, 30)).containsExactlyElementsOf(Collections.nCopies(30, true));
        assertThat(nextWindow.get(30)).as("the 31st of the next minute").isFalse();
    }

    @Test
    void each_request_is_one_write_and_the_counter_expires_with_its_window() {
        String counter = newCounter();
        CALLS.reset();

        limiter.tryAcquire(counter, 30, WINDOW_END);

        assertThat(CALLS.snapshot()).containsOnly(Map.entry("DynamoDb/UpdateItem", 1L));
        assertThat(dynamoDb.getItem(get -> get.tableName(table).key(Map.of("key", AttributeValue.fromS(counter)))).item())
                .containsEntry("n", AttributeValue.fromN("1"))
                .containsEntry("expiresAt", AttributeValue.fromN(Long.toString(WINDOW_END.getEpochSecond())));
    }
}
