package dev.parley.bench;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the conditional writes DynamoDB refused in this JVM, by table: a PutItem whose condition
 * failed, or a transaction cancelled by a condition (counted once, under its first table). W8
 * reads it to tell how many seq races a message lost. Registered, like
 * {@link DynamoDbCapacityMeter}, through the SDK's global {@code execution.interceptors} file.
 */
public final class ConditionalWriteMeter implements ExecutionInterceptor {
    private static final Map<String, AtomicLong> REFUSED = new ConcurrentHashMap<>();

    /** Refused conditional writes so far, by table name. */
    static Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        REFUSED.forEach((table, count) -> copy.put(table, count.get()));
        return copy;
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        String table = switch (context.request()) {
            case PutItemRequest put when context.exception() instanceof ConditionalCheckFailedException -> put.tableName();
            case TransactWriteItemsRequest transaction when context.exception() instanceof TransactionCanceledException
                    && !transaction.transactItems().isEmpty() -> firstTable(transaction);
            default -> null;
        };
        if (table != null) {
            REFUSED.computeIfAbsent(table, t -> new AtomicLong()).incrementAndGet();
        }
    }

    private static String firstTable(TransactWriteItemsRequest transaction) {
        var item = transaction.transactItems().getFirst();
        if (item.put() != null) {
            return item.put().tableName();
        }
        if (item.update() != null) {
            return item.update().tableName();
        }
        if (item.delete() != null) {
            return item.delete().tableName();
        }
        return item.conditionCheck() == null ? null : item.conditionCheck().tableName();
    }
}
