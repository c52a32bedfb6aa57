package dev.parley.localenv.events.testfunctions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * What the SQS test functions received, shared with the tests through a static registry (the emulator
 * constructs the functions by reflection): a function finds its list by its {@code RECORDER} variable.
 *
 * @param <T> the recorded event type
 */
public final class Deliveries<T> {
    private static final Map<String, Deliveries<?>> BY_NAME = new ConcurrentHashMap<>();

    /** One invocation: when it started, the event, and the function's environment. */
    public record Delivery<T>(Instant at, T event, Map<String, String> environment) {
    }

    private final List<Delivery<T>> received = new CopyOnWriteArrayList<>();

    @SuppressWarnings("unchecked")
    public static <T> Deliveries<T> named(String name) {
        return (Deliveries<T>) BY_NAME.computeIfAbsent(name, ignored -> new Deliveries<T>());
    }

    void record(T event, Map<String, String> environment) {
        received.add(new Delivery<>(Instant.now(), event, environment));
    }

    public List<Delivery<T>> all(Predicate<T> filter) {
        return received.stream().filter(d -> filter.test(d.event())).toList();
    }

    /** Waits until {@code count} deliveries match; fails with what arrived when they do not in time. */
    public List<Delivery<T>> await(Predicate<T> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Delivery<T>> matching = all(filter);
            if (matching.size() >= count) {
                return matching;
            }
            sleep();
        }
        throw new AssertionError("expected " + count + " matching deliveries within " + timeout + ", got " + all(filter).size()
                + " of " + received.size() + ": " + received);
    }

    public Optional<Delivery<T>> first(Predicate<T> filter) {
        return all(filter).stream().findFirst();
    }

    private static void sleep() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
