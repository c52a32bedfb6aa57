package dev.parley.localenv.gateway.testfunctions;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * What the test functions received, shared with the tests through a static registry: the gateway
 * constructs the functions by reflection, so a function finds its recorder by the name in its
 * {@code RECORDER} environment variable.
 */
public final class EventRecorder {
    private static final Map<String, EventRecorder> RECORDERS = new ConcurrentHashMap<>();

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    public static EventRecorder named(String name) {
        return RECORDERS.computeIfAbsent(name, ignored -> new EventRecorder());
    }

    public void record(JsonNode event) {
        events.add(event);
    }

    public List<JsonNode> all(Predicate<JsonNode> filter) {
        return events.stream().filter(filter).toList();
    }

    /** The first recorded event matching the filter, waiting for it up to the timeout. */
    public JsonNode await(Predicate<JsonNode> filter, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode event : events) {
                if (filter.test(event)) {
                    return event;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no recorded event matched within " + timeout + "; recorded: " + events);
    }

    public static Predicate<JsonNode> eventType(String type, String connectionId) {
        return event -> type.equals(event.at("/requestContext/eventType").asText())
                && connectionId.equals(event.at("/requestContext/connectionId").asText());
    }
}
