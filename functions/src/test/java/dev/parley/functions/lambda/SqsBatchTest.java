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
}
