package dev.parley.localenv.gateway.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.parley.localenv.gateway.CurrentInvocation;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A function with only a no-arg constructor and a plain (non-event) input type. It answers which
 * instance ran it, so tests can see warm reuse and one instance per concurrent invocation, and which
 * invocation its own thread and a thread it starts see ({@link CurrentInvocation}).
 */
public final class PlainFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final int instance = INSTANCES.incrementAndGet();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        if (input.get("sleepMs") instanceof Number millis) {
            try {
                Thread.sleep(millis.longValue());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (Boolean.TRUE.equals(input.get("fail"))) {
            throw new IllegalArgumentException("asked to fail");
        }
        String inStartedThread;
        try (ExecutorService started = Executors.newVirtualThreadPerTaskExecutor()) {
            inStartedThread = started.submit(() -> seen()).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("instance", instance, "echo", String.valueOf(input.get("x")),
                "remainingPositive", context.getRemainingTimeInMillis() > 0, "requestId", context.getAwsRequestId(),
                "invocation", seen(), "invocationInStartedThread", inStartedThread);
    }

    private static String seen() {
        return CurrentInvocation.get().map(i -> i.function() + "/" + i.requestId()).orElse("none");
    }
}
