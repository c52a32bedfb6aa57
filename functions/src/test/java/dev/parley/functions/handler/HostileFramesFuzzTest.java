package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.ErrorCode;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.ProtocolException;
import dev.parley.model.Request;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: whatever frame a client sends, every route answers with a reply or with an error frame
 * whose code is a documented client error: never INTERNAL, never an exception out of the handler,
 * never an error log. Frames go through the real Lambda serialization of the event and of the
 * route response. The normal test run tries the seeded sample of {@code jqwik.tries.default} frames
 * (src/test/resources/junit-platform.properties); {@code ./parley fuzz} raises it to 100,000 or more.
 */
class HostileFramesFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProtocolCodec CODEC = ProtocolCodec.instance();
    private static final PojoSerializer<APIGatewayV2WebSocketEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2WebSocketEvent.class, HostileFramesFuzzTest.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2WebSocketResponse> RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayV2WebSocketResponse.class, HostileFramesFuzzTest.class.getClassLoader());
    private static final ObjectNode EVENT_TEMPLATE = template();

    private static final Map<String, LongAdder> ANSWERS = new ConcurrentHashMap<>();
    private static final AtomicLong ERROR_LOGS = new AtomicLong();
    private static final FakeWorldHandlers HANDLERS = new FakeWorldHandlers();
    private static PrintStream console;
    private static long startedAt;

    @BeforeContainer
    static void silenceLogs() {
        console = System.out;
        startedAt = System.nanoTime();
        // 100,000 requests log 100,000 lines; only errors matter here, and each one fails the property.
        System.setOut(new PrintStream(new ErrorLogCounter(), true, StandardCharsets.UTF_8));
    }

    @AfterContainer
    static void printCounts() {
        System.setOut(console);
        long total = ANSWERS.values().stream().mapToLong(LongAdder::sum).sum();
        StringBuilder report = new StringBuilder("hostile frames through the handlers: " + total + " in "
                + (System.nanoTime() - startedAt) / 1_000_000 + " ms; answers by code:");
        new TreeMap<>(ANSWERS).forEach((code, count) -> report.append("\n  ").append(code).append(' ').append(count.sum()));
        console.println(report);
    }

    @Provide
    Arbitrary<String> actions() {
        return Arbitraries.of(HostileFrames.RECORDS.keySet().stream().sorted().toList());
    }

    @Provide
    Arbitrary<List<HostileFrames.Mutation>> mutations() {
        return Arbitraries.of(HostileFrames.Mutation.class).list().ofMaxSize(3);
    }

    @Property(seed = "20261206")
    void no_frame_makes_any_route_answer_internal_or_throw(@ForAll("actions") String action,
                                                          @ForAll("mutations") List<HostileFrames.Mutation> mutations,
                                                          @ForAll long seed) {
        String frame = HostileFrames.frame(action, mutations, new Random(seed));
        String route = HostileFrames.routeKey(frame);
        long errorsBefore = ERROR_LOGS.get();

        JsonNode response = respond(route, frame);

        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        JsonNode answer = parse(response.get("body").asText());
        String type = answer.path("type").asText();
        String counted = type.equals("error") ? answer.path("code").asText() : type;
        ANSWERS.computeIfAbsent(counted, key -> new LongAdder()).increment();
        assertThat(type).as("frame %s", frame).isIn("reply", "error");
        if (type.equals("error")) {
            ErrorCode code = ErrorCode.valueOf(answer.get("code").asText());
            assertThat(code.fault()).as("%s for frame %s", code, frame).isEqualTo(ErrorCode.Fault.CLIENT);
        }
        assertThat(ERROR_LOGS.get()).as("error logged for frame %s", frame).isEqualTo(errorsBefore);
    }

    @Property(seed = "20261207")
    void every_record_reads_any_frame_or_refuses_it_as_a_protocol_error(@ForAll("actions") String action,
                                                                       @ForAll("mutations") List<HostileFrames.Mutation> mutations,
                                                                       @ForAll long seed) {
        String frame = HostileFrames.frame(action, mutations, new Random(seed));
        Request request;
        try {
            request = CODEC.decodeRequest(frame);
        } catch (ProtocolException refused) {
            assertThat(refused.toFrame().code()).isIn(ErrorCode.BAD_REQUEST, ErrorCode.PAYLOAD_TOO_LARGE);
            return;
        }
        for (Class<?> type : HostileFrames.RECORDS.values()) {
            try {
                CODEC.read(request, type);
            } catch (ProtocolException refused) {
                assertThat(refused.toFrame().code()).isEqualTo(ErrorCode.BAD_REQUEST);
            }
        }
    }

    /** The route's answer as the Lambda runtime returns it to API Gateway, for an event the runtime read. */
    private static JsonNode respond(String route, String frame) {
        ObjectNode event = EVENT_TEMPLATE.deepCopy();
        ((ObjectNode) event.get("requestContext")).put("routeKey", route);
        event.put("body", frame);
        APIGatewayV2WebSocketResponse response = HANDLERS.route(route).handle(EVENTS.fromJson(event.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RESPONSES.toJson(response, out);
        return parse(out.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode template() {
        try (InputStream in = HostileFramesFuzzTest.class.getResourceAsStream("/events/create-conversation.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Discards log lines, counting those at level ERROR. */
    private static final class ErrorLogCounter extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                if (line.toString(StandardCharsets.UTF_8).contains("\"level\":\"ERROR\"")) {
                    ERROR_LOGS.incrementAndGet();
                    console.println(line.toString(StandardCharsets.UTF_8));
                }
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
