package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/** How the table adapters make a DynamoDB call. */
final class DynamoDbCalls {
    private DynamoDbCalls() {
    }

    /**
     * Runs the request. Throttling that outlasted the SDK's retries is a known, retryable failure
     * ({@link Failure.Unavailable}), not a bug; every other error goes up unchanged.
     */
    static <T> T call(String table, Supplier<T> request) {
        try {
            return request.get();
        } catch (DynamoDbException e) {
            if (e.isThrottlingException()) {
                throw new FailureException(new Failure.Unavailable(table), e);
            }
            throw e;
        }
    }

    /** Starts the request on a virtual thread, so the caller can make another call while it runs. */
    static <T> Future<T> started(String table, Supplier<T> request) {
        FutureTask<T> task = new FutureTask<>(() -> call(table, request));
        Thread.ofVirtual().start(task);
        return task;
    }

    /** The outcome of a call run beside the caller's: its failure thrown as the call would have thrown it. */
    static <T> T result(String table, Future<T> pending) {
        try {
            return pending.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FailureException(new Failure.Unavailable(table), e);
        }
    }
}
