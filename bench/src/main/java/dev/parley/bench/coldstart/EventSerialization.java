package dev.parley.bench.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.parley.functions.lambda.LambdaEvents;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the functions' stream entry does around a handler, and nothing else: read one WebSocket
 * route event from its bytes with the functions' own Jackson ({@link LambdaEvents}) and write a
 * response, on the functions' classpath. Its time is part of every measured function's and none of
 * the floor's; the bench prints it as a row of its own, outside the target, so the gap can be told apart.
 */
public final class EventSerialization {
    private EventSerialization() {
    }

    public static void main(String[] args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream json = Files.newInputStream(Path.of(args[0]))) {
            LambdaEvents.<APIGatewayV2WebSocketEvent>handle(json, bytes, LambdaEvents.readerFor(APIGatewayV2WebSocketEvent.class), event -> {
                APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
                response.setStatusCode(200);
                response.setBody(event.getBody());
                return response;
            });
        }
        System.out.println(FirstEvent.MARKER + bytes.toString(StandardCharsets.UTF_8));
        System.out.flush();
        FirstEvent.printCpuTime();
    }
}
