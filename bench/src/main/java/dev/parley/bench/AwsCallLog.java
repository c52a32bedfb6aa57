package dev.parley.bench;

import dev.parley.localenv.gateway.CurrentInvocation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records when each AWS call in this JVM started and ended, and for which Lambda invocation
 * ({@link CurrentInvocation}), while {@link #recording}: what {@link RoundTrips} counts the send
 * path's sequential calls from. Registered globally like {@link DynamoDbCapacityMeter}; a call
 * spans from the SDK's first hook to its last, so {@link InjectedAwsLatency}'s wait falls inside it.
 */
public final class AwsCallLog implements ExecutionInterceptor {
    /** One call; {@code invocation} is empty for the emulators' own calls (event source polling, the benchmark). */
    record Call(Optional<CurrentInvocation.Invocation> invocation, String service, String operation, long startNanos,
                long endNanos) {
        boolean isConnectionsPost() {
            return "PostToConnection".equals(operation);
        }
    }

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("parley.bench.started");
    private static final ExecutionAttribute<Optional<CurrentInvocation.Invocation>> INVOCATION =
            new ExecutionAttribute<>("parley.bench.invocation");
    private static final ConcurrentLinkedQueue<Call> CALLS = new ConcurrentLinkedQueue<>();
    private static volatile boolean recording;

    /** Starts recording afresh: calls recorded before are dropped. */
    static void start() {
        CALLS.clear();
        recording = true;
    }

    /** Stops recording and returns what was recorded. */
    static List<Call> stop() {
        recording = false;
        return new ArrayList<>(CALLS);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (recording) {
            attributes.putAttribute(STARTED, System.nanoTime());
            attributes.putAttribute(INVOCATION, CurrentInvocation.get());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(attributes);
    }

    private static void record(ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        if (started == null || !recording) {
            return;
        }
        CALLS.add(new Call(attributes.getAttribute(INVOCATION), attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), started, System.nanoTime()));
    }
}
