package dev.parley.functions.adapter.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every AWS API call by {@code service/operation} (for example {@code DynamoDb/UpdateItem}),
 * so that the cost of a request can be stated in calls and turned into dollars by the benchmark.
 * A call is counted once, however many attempts the SDK's retries make.
 */
public final class AwsCallCounter implements ExecutionInterceptor {
    private static final AwsCallCounter PROCESS = new AwsCallCounter();

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    /** The counter every client of this process reports to (one Lambda, or all of local-env). */
    public static AwsCallCounter process() {
        return PROCESS;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String key = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
                + "/" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    public long count(String service, String operation) {
        LongAdder adder = calls.get(service + "/" + operation);
        return adder == null ? 0 : adder.sum();
    }

    /** The counts so far, keyed {@code service/operation}, sorted. */
    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        calls.forEach((key, adder) -> snapshot.put(key, adder.sum()));
        return snapshot;
    }

    public void reset() {
        calls.clear();
    }
}
