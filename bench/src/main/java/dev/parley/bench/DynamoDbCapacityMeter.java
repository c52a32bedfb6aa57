package dev.parley.bench;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adds up the DynamoDB request units every call in this JVM costs ({@link RequestUnits}), by
 * operation. Registered globally through the SDK's classpath file
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}, so the in-process
 * handlers' clients report here without a line of code in the functions module.
 *
 * <p>The SDK makes one instance per client, so the totals are static: one tally per JVM.
 */
public final class DynamoDbCapacityMeter implements ExecutionInterceptor {
    private static final Map<String, RequestUnits.Units> TOTALS = new ConcurrentHashMap<>();

    /** Units so far, keyed {@code DynamoDb/<operation>}, sorted. */
    public static Map<String, RequestUnits.Units> snapshot() {
        return new TreeMap<>(TOTALS);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof DynamoDbRequest) {
            add(attributes, RequestUnits.of(context.request(), context.response()));
        }
    }

    /** A write refused by its condition was still performed, and is charged. */
    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof DynamoDbRequest && (context.exception() instanceof ConditionalCheckFailedException
                || context.exception() instanceof TransactionCanceledException)) {
            add(attributes, RequestUnits.ofFailedWrite(context.request()));
        }
    }

    private static void add(ExecutionAttributes attributes, RequestUnits.Units units) {
        if (units.write() == 0 && units.read() == 0) {
            return;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "/"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        TOTALS.merge(operation, units, RequestUnits.Units::plus);
    }
}
