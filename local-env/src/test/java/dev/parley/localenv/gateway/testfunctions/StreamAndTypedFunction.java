package dev.parley.localenv.gateway.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Shaped as Parley's functions are: a stream entry for Lambda beside a typed method for tests. Answers which one ran. */
public final class StreamAndTypedFunction implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        output.write(("{\"entry\":\"stream\",\"bytes\":" + event.length() + "}").getBytes(StandardCharsets.UTF_8));
    }

    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Map.of("entry", "typed");
    }
}
