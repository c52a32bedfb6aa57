package dev.parley.functions.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.functions.lambda.LambdaEvents;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Events and responses through the functions' own Lambda entry ({@link LambdaEvents}, behind every
 * handler's {@code RequestStreamHandler}), so a handler test sees exactly the beans Lambda's bytes
 * become, and the JSON Lambda would send back.
 */
public final class LambdaJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LambdaJson() {
    }

    /** The text of {@code src/test/resources/events/<name>}: an event as its source sends it. */
    public static String fixture(String name) {
        try (InputStream in = LambdaJson.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture events/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture as a JSON object, for a test to change a field before invoking with it. */
    public static ObjectNode fixtureJson(String name) {
        try {
            return (ObjectNode) MAPPER.readTree(fixture(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code src/test/resources/events/<name>}. */
    public static <T> T event(String name, Class<T> type) {
        return fromJson(fixture(name), type);
    }

    /** An event from its JSON, as the functions' entry reads what the event source sent. */
    public static <T> T fromJson(String json, Class<T> type) {
        try {
            return LambdaEvents.readerFor(type).read(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON the function would return to its event source for this response. */
    public static <T> JsonNode toJson(T response, Class<T> type) {
        try {
            return MAPPER.readTree(LambdaEvents.toJson(type.cast(response)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Invokes a function as Lambda's runtime does: the event's bytes into its stream entry, and what
     * it wrote back, parsed. A thrown exception (the authorizer's "Unauthorized") propagates.
     */
    public static JsonNode invoke(RequestStreamHandler handler, String eventJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, null);
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
}
