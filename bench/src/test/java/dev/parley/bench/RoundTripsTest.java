package dev.parley.bench;

import dev.parley.localenv.gateway.CurrentInvocation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The round-trip count on planted call logs: times in ms, each call at least the 50 ms injected delay long. */
class RoundTripsTest {
    private static final CurrentInvocation.Invocation SEND = new CurrentInvocation.Invocation("SendMessageFunction", "r-1");
    private static final CurrentInvocation.Invocation OTHER = new CurrentInvocation.Invocation("PresenceFunction", "r-2");

    @Test
    void the_designed_send_path_is_3_the_query_then_the_transaction_and_lookup_in_parallel_then_the_post() {
        List<AwsCallLog.Call> calls = List.of(
                call(SEND, "Query", 0, 52),
                call(SEND, "TransactWriteItems", 55, 108),
                call(SEND, "BatchGetItem", 56, 110),
                post(SEND, 112, 165),
                call(SEND, "UpdateItem", 170, 222),
                call(SEND, "UpdateItem", 171, 224));

        assertThat(RoundTrips.ofSend(calls)).isEqualTo(new RoundTrips.Sample.Counted(3));
    }

    @Test
    void a_call_made_after_another_instead_of_beside_it_is_one_more_round_trip() {
        List<AwsCallLog.Call> calls = List.of(
                call(SEND, "Query", 0, 52),
                call(SEND, "TransactWriteItems", 55, 108),
                call(SEND, "BatchGetItem", 110, 162),
                post(SEND, 165, 216));

        assertThat(RoundTrips.ofSend(calls)).isEqualTo(new RoundTrips.Sample.Counted(4));
    }

    @Test
    void calls_all_made_at_once_are_one_round_trip_before_the_post() {
        List<AwsCallLog.Call> calls = List.of(
                call(SEND, "Query", 0, 60),
                call(SEND, "GetItem", 2, 55),
                call(SEND, "BatchGetItem", 3, 70),
                post(SEND, 72, 125));

        assertThat(RoundTrips.ofSend(calls)).isEqualTo(new RoundTrips.Sample.Counted(2));
    }

    @Test
    void a_slow_machine_stretches_the_gaps_but_not_the_count() {
        List<AwsCallLog.Call> calls = List.of(
                call(SEND, "Query", 0, 400),
                call(SEND, "TransactWriteItems", 900, 1_300),
                call(SEND, "BatchGetItem", 905, 1_700),
                post(SEND, 2_500, 2_900));

        assertThat(RoundTrips.ofSend(calls)).isEqualTo(new RoundTrips.Sample.Counted(3));
    }

    @Test
    void the_post_is_the_sends_by_time_even_on_a_pooled_thread_that_carries_another_invocation_and_the_emulators_own_calls_do_not_count() {
        List<AwsCallLog.Call> calls = List.of(
                new AwsCallLog.Call(Optional.empty(), "Sqs", "ReceiveMessage", 1, 53),
                call(SEND, "Query", 0, 52),
                new AwsCallLog.Call(Optional.empty(), "Sqs", "ReceiveMessage", 54, 106),
                call(SEND, "TransactWriteItems", 55, 108),
                call(SEND, "BatchGetItem", 56, 110),
                post(OTHER, 112, 165));

        assertThat(RoundTrips.ofSend(calls)).isEqualTo(new RoundTrips.Sample.Counted(3));
    }

    @Test
    void a_send_whose_window_holds_another_invocations_calls_or_no_post_is_not_counted() {
        List<AwsCallLog.Call> twoInvocations = List.of(
                call(SEND, "Query", 0, 52),
                call(OTHER, "Query", 60, 112),
                post(SEND, 115, 166));
        List<AwsCallLog.Call> noPost = List.of(call(SEND, "Query", 0, 52));

        assertThat(RoundTrips.ofSend(twoInvocations)).isInstanceOf(RoundTrips.Sample.Uncounted.class);
        assertThat(RoundTrips.ofSend(noPost)).isEqualTo(new RoundTrips.Sample.Uncounted("no @connections post during the send"));
    }

    @Test
    void the_median_is_a_count_some_send_had_and_the_histogram_shows_the_outliers() {
        RoundTripCounts counts = RoundTripCounts.of(List.of(new RoundTrips.Sample.Counted(3), new RoundTrips.Sample.Counted(4),
                new RoundTrips.Sample.Counted(3), new RoundTrips.Sample.Uncounted("2 invocations made calls during the send, not 1")));

        assertThat(counts.median()).isEqualTo(3.0);
        assertThat(counts.max()).isEqualTo(4);
        assertThat(counts.histogram()).isEqualTo("3 x2, 4 x1");
        assertThat(counts.uncounted()).isEqualTo(1);
        assertThat(RoundTripCounts.of(List.of()).median()).isNaN();
    }

    private static AwsCallLog.Call call(CurrentInvocation.Invocation invocation, String operation, long startMillis, long endMillis) {
        return new AwsCallLog.Call(Optional.of(invocation), "DynamoDb", operation, startMillis * 1_000_000, endMillis * 1_000_000);
    }

    private static AwsCallLog.Call post(CurrentInvocation.Invocation invocation, long startMillis, long endMillis) {
        return new AwsCallLog.Call(Optional.of(invocation), "ApiGatewayManagementApi", "PostToConnection",
                startMillis * 1_000_000, endMillis * 1_000_000);
    }
}
