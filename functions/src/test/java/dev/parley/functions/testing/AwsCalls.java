package dev.parley.functions.testing;

import dev.parley.functions.adapter.aws.AwsCallCounter;

import java.util.HashMap;
import java.util.Map;

/** The AWS calls an action makes, read off the process-wide counter that handlers built from an environment report to. */
public final class AwsCalls {
    private AwsCalls() {
    }

    /** The calls made while {@code action} ran, keyed {@code service/operation}; operations not called are left out. */
    public static Map<String, Long> during(Runnable action) {
        Map<String, Long> before = AwsCallCounter.process().snapshot();
        action.run();
        Map<String, Long> during = new HashMap<>(AwsCallCounter.process().snapshot());
        before.forEach((call, count) -> during.merge(call, -count, Long::sum));
        during.values().removeIf(count -> count == 0);
        return during;
    }
}
