package dev.parley.functions.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * The stream entry of every Parley function: event JSON bytes in, response JSON bytes out, read and
 * written with the Jackson the protocol codec already loads. Lambda's Java runtime hands a
 * {@code RequestStreamHandler} the raw bytes and never touches its own event serialization
 * ({@code aws-lambda-java-serialization}: a shaded second Jackson and its mixins, about 800 classes
 * and half a second of CPU at a cold start; see docs/cost.md). Events keep the
 * {@code aws-lambda-java-events} types, read as that library reads them: plain bean properties,
 * unknown fields ignored, nulls left out of responses, and the two names SQS spells its own way.
 */
public final class LambdaEvents {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // The runtime's stream is not ours to close: it reads the response after the handler returns.
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addMixIn(SQSEvent.class, SqsEventNames.class)
            .addMixIn(SQSEvent.SQSMessage.class, SqsMessageNames.class)
            .build();

    private LambdaEvents() {
    }

    /** Reads one event from its JSON bytes. */
    @FunctionalInterface
    public interface EventReader<T> {
        T read(InputStream json) throws IOException;

        default T read(String json) throws IOException {
            return read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * The reader of the event type that {@code base}'s first type parameter takes in
     * {@code handlerClass}, a direct subclass of it (for example {@code APIGatewayV2WebSocketEvent}
     * of a route handler).
     */
    public static EventReader<?> readerOfTypeParameter(Class<?> handlerClass, Class<?> base) {
        if (handlerClass.getSuperclass() != base || !(handlerClass.getGenericSuperclass() instanceof ParameterizedType parameterized)
                || parameterized.getActualTypeArguments()[0] instanceof TypeVariable<?>) {
            throw new IllegalStateException(handlerClass.getName() + " does not name its event type on " + base.getSimpleName());
        }
        return readerFor(parameterized.getActualTypeArguments()[0]);
    }

    /** The reader of one event type, for a handler outside a generic base. */
    public static <T> EventReader<T> readerFor(Class<T> eventType) {
        @SuppressWarnings("unchecked")
        EventReader<T> reader = (EventReader<T>) readerFor((Type) eventType);
        return reader;
    }

    /**
     * WebSocket route events, which every route and {@code $connect} receives, are read by hand
     * ({@link WebSocketEvents}: what bean binding would make of them, without its cold-start cost);
     * every other type through Jackson's bean binding.
     */
    private static EventReader<?> readerFor(Type eventType) {
        if (eventType == APIGatewayV2WebSocketEvent.class) {
            return json -> WebSocketEvents.read(MAPPER.readTree(json));
        }
        ObjectReader reader = MAPPER.readerFor(MAPPER.getTypeFactory().constructType(eventType));
        return reader::readValue;
    }

    /**
     * One invocation: reads the event from {@code input}, hands it to {@code handler}, writes what it
     * returns to {@code output} ({@code null} for nothing). An exception of the handler propagates
     * unchanged, so the runtime reports it as it would a POJO handler's (the authorizer's
     * "Unauthorized" included); bytes that are not the event fail the invocation with Jackson's message.
     */
    public static <I> void handle(InputStream input, OutputStream output, EventReader<? extends I> reader, Function<I, ?> handler)
            throws IOException {
        I event = reader.read(input);
        write(handler.apply(event), output);
        output.flush();
    }

    /** An event or response as its JSON bytes; priming feeds its synthetic events through the stream entry with it. */
    public static byte[] toJson(Object value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            write(value, bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Object value, OutputStream output) throws IOException {
        if (value instanceof APIGatewayV2WebSocketResponse response) {
            try (JsonGenerator json = MAPPER.createGenerator(output)) {
                WebSocketEvents.write(response, json);
            }
        } else {
            MAPPER.writeValue(output, value);
        }
    }

    /** SQS's batch is {@code Records}, not the bean's {@code records}. */
    private abstract static class SqsEventNames {
        @JsonProperty("Records")
        abstract List<SQSEvent.SQSMessage> getRecords();

        @JsonProperty("Records")
        abstract void setRecords(List<SQSEvent.SQSMessage> records);
    }

    /** SQS spells the queue's ARN {@code eventSourceARN}, not the bean's {@code eventSourceArn}. */
    private abstract static class SqsMessageNames {
        @JsonProperty("eventSourceARN")
        abstract String getEventSourceArn();

        @JsonProperty("eventSourceARN")
        abstract void setEventSourceArn(String arn);
    }
}
