package dev.parley.bench.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Lambda's Java runtime does around a handler whose event is a POJO, and nothing else: read
 * one WebSocket route event through the runtime's serialization and write a response, on the
 * functions' classpath. Its time is part of every measured function's and none of the floor's;
 * the bench prints it as a row of its own, outside the target, so the gap can be told apart.
 */
public final class EventSerialization {
    private EventSerialization() {
    }

    public static void main(String[] args) throws Exception {
        ClassLoader loader = EventSerialization.class.getClassLoader();
        PojoSerializer<APIGatewayV2WebSocketEvent> in = LambdaEventSerializers.serializerFor(APIGatewayV2WebSocketEvent.class, loader);
        PojoSerializer<APIGatewayV2WebSocketResponse> out = LambdaEventSerializers.serializerFor(APIGatewayV2WebSocketResponse.class, loader);
        APIGatewayV2WebSocketEvent event;
        try (InputStream json = Files.newInputStream(Path.of(args[0]))) {
            event = in.fromJson(json);
        }
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(200);
        response.setBody(event.getBody());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        out.toJson(response, bytes);
        System.out.println(FirstEvent.MARKER + bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
        System.out.flush();
        FirstEvent.printCpuTime();
    }
}
