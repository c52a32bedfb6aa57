package dev.parley.localenv.events.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** Records the event JSON exactly as it arrives and answers nothing (a complete success). */
public final class RawSqsRecorder implements RequestStreamHandler {
    private final Map<String, String> environment;

    public RawSqsRecorder(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Deliveries.<JsonNode>named(environment.get("RECORDER")).record(new ObjectMapper().readTree(input), environment);
    }
}
