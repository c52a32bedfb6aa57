package dev.parley.localenv.gateway.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Not public, as Parley's {@code PrimedHandler}: the runtime reaches its method through the interface. */
abstract class StreamEntryBase implements RequestStreamHandler {
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        output.write(("{\"entry\":\"stream\",\"bytes\":" + event.length() + "}").getBytes(StandardCharsets.UTF_8));
    }
}
