package dev.parley.localenv.gateway.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;

import java.util.Map;

/**
 * Shaped as Parley's functions are: the stream entry Lambda calls, declared in a base class that
 * is not public, beside a typed method for tests. Answers which one ran.
 */
public final class StreamAndTypedFunction extends StreamEntryBase {
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Map.of("entry", "typed");
    }
}
