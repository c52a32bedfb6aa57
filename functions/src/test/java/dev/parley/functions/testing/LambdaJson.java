package dev.parley.functions.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Events and responses through the same serialization the Lambda Java runtime uses, so a handler
 * test sees exactly the beans Lambda would build from AWS's JSON, and the JSON Lambda would send back.
 */
public final class LambdaJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LambdaJson() {
    }

    /** Reads {@code src/test/resources/events/<name>}. */
    public static <T> T event(String name, Class<T> type) {
        try (InputStream in = LambdaJson.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture events/" + name);
            }
            return serializer(type).fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An event from its JSON, as the runtime reads what the event source sent. */
    public static <T> T fromJson(String json, Class<T> type) {
        return serializer(type).fromJson(json);
    }

    /** The JSON the runtime would return to API Gateway for this response. */
    public static <T> JsonNode toJson(T response, Class<T> type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer(type).toJson(response, out);
        try {
            return MAPPER.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The frame a WebSocket route sends back to the caller's socket: the route response's body, parsed. */
    public static JsonNode frame(APIGatewayV2WebSocketResponse response) {
        try {
            return MAPPER.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, LambdaJson.class.getClassLoader());
    }
}
