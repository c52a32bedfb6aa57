package dev.parley.localenv.gateway;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, for the whole process, what AWS bills per Lambda invocation: the invocations of each
 * function (by logical id), counted where they happen ({@link LambdaInvoker#invoke}, whatever
 * invoked it: a route, the authorizer, $connect, an SQS event source), and the SQS requests the
 * event sources make for the messages they hand to a function (a receive that returned messages,
 * a batch delete). Receives that found nothing are not counted: on AWS the event source's idle
 * polling is paid per queue and hour, not per message. The cost benchmark reads it.
 */
public final class LambdaMeter {
    private static final Map<String, LongAdder> INVOCATIONS = new ConcurrentHashMap<>();
    private static final LongAdder EVENT_SOURCE_REQUESTS = new LongAdder();

    private LambdaMeter() {
    }

    static void invoked(String functionName) {
        INVOCATIONS.computeIfAbsent(functionName, k -> new LongAdder()).increment();
    }

    /** An SQS event source's ReceiveMessage that returned messages, or its DeleteMessageBatch. */
    public static void eventSourceRequest() {
        EVENT_SOURCE_REQUESTS.increment();
    }

    /** Invocations so far by function logical id, sorted. */
    public static Map<String, Long> invocations() {
        Map<String, Long> snapshot = new TreeMap<>();
        INVOCATIONS.forEach((function, count) -> snapshot.put(function, count.sum()));
        return snapshot;
    }

    public static long eventSourceRequests() {
        return EVENT_SOURCE_REQUESTS.sum();
    }
}
