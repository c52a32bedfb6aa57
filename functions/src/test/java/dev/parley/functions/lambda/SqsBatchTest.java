package dev.parley.functions.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parley.functions.log.JsonLogger;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A batch's records, one after another or at once: each record fails on its own, by its message id. */
class SqsBatchTest {
    private static final JsonLogger LOG = JsonLogger.of(SqsBatchTest.class);

    private static SQSEvent batch(int records) {
        SQSEvent event = new SQSEvent();
        event.setRecords(IntStream.range(0, records).mapToObj(i -> {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m" + i);
            message.setBody(Integer.toString(i));
            return message;
        }).toList());
        return event;
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private static boolean work(SQSEvent.SQSMessage record) {
        return switch (record.getBody()) {
            case "1" -> false;
            case "3" -> throw new IllegalStateException("record 3 breaks");
            default -> true;
        };
    }

    @Test
    void a_record_that_returns_false_or_throws_is_named_and_the_others_are_not() {
        assertThat(failed(SqsBatch.process(batch(5), LOG, SqsBatchTest::work))).containsExactly("m1", "m3");
        assertThat(failed(SqsBatch.processInParallel(batch(5), LOG, SqsBatchTest::work))).containsExactly("m1", "m3");
        assertThat(failed(SqsBatch.processInParallel(new SQSEvent(), LOG, SqsBatchTest::work))).isEmpty();
    }

    @Test
    void in_parallel_every_record_of_the_batch_is_in_flight_at_once() {
        // Each record waits until all five have started: one after another, the first would time out and fail.
        CountDownLatch started = new CountDownLatch(5);
        SQSBatchResponse response = SqsBatch.processInParallel(batch(5), LOG, record -> {
            started.countDown();
            try {
                return started.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(failed(response)).isEmpty();
    }

    @Test
    void an_error_fails_the_invocation_as_it_would_one_after_another() {
        SqsBatch.Record overflow = record -> {
            if (record.getBody().equals("2")) {
                throw new StackOverflowError("record 2");
            }
            return true;
        };
        assertThatThrownBy(() -> SqsBatch.processInParallel(batch(3), LOG, overflow)).isInstanceOf(StackOverflowError.class);
        assertThatThrownBy(() -> SqsBatch.process(batch(3), LOG, overflow)).isInstanceOf(StackOverflowError.class);
    }

    @Test
    void records_with_the_same_order_key_run_one_after_another_in_order_and_other_keys_at_once() {
        // Bodies 0..5: even ones share a key, odd ones share another. Each lane records its order; the odd lane's
        // first record waits until the even lane has started, which one after another would never see.
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch evenStarted = new CountDownLatch(1);
        SQSBatchResponse response = SqsBatch.processInParallel(batch(6), LOG,
                record -> Integer.parseInt(record.getBody()) % 2 == 0 ? "even" : "odd", record -> {
                    int n = Integer.parseInt(record.getBody());
                    if (n % 2 == 0) {
                        evenStarted.countDown();
                    } else if (n == 1) {
                        try {
                            if (!evenStarted.await(10, TimeUnit.SECONDS)) {
                                return false;
                            }
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    order.add(record.getBody());
                    return true;
                });
        assertThat(failed(response)).isEmpty();
        assertThat(order.stream().filter(body -> Integer.parseInt(body) % 2 == 0)).containsExactly("0", "2", "4");
        assertThat(order.stream().filter(body -> Integer.parseInt(body) % 2 == 1)).containsExactly("1", "3", "5");
    }

    @Test
    void an_error_in_a_lane_fails_the_invocation_and_leaves_no_record_waiting() {
        SqsBatch.Record overflow = record -> {
            if (record.getBody().equals("0")) {
                throw new StackOverflowError("record 0");
            }
            return true;
        };
        assertThatThrownBy(() -> SqsBatch.processInParallel(batch(4), LOG, record -> "one lane", overflow))
                .isInstanceOf(StackOverflowError.class);
    }
}
