package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

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
}
