package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.model.v1.Actions;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happened to each message the benchmark sent, by its clientMessageId (unique across the
 * run): when it was sent, how many {@code message} events reached other devices, and when the
 * first of them arrived. Receives every device's events.
 */
final class SendLog implements Device.EventListener {

    private static final class Sent {
        final int expected;
        final long sentNanos;
        final AtomicLong firstDeliveryNanos = new AtomicLong();
        final Set<Device> recipients = ConcurrentHashMap.newKeySet();
        final AtomicInteger deliveries = new AtomicInteger();

        Sent(int expected, long sentNanos) {
            this.expected = expected;
            this.sentNanos = sentNanos;
        }
    }

    private final Map<String, Sent> sends = new ConcurrentHashMap<>();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();

    /** Call just before the frame goes out, so that no delivery can arrive first. */
    void sending(String clientMessageId, int expectedDeliveries) {
        sends.put(clientMessageId, new Sent(expectedDeliveries, System.nanoTime()));
    }

    /** The send failed: no delivery is expected for it. */
    void failed(String clientMessageId) {
        sends.remove(clientMessageId);
    }

    @Override
    public void onEvent(Device device, JsonNode event, long arrivedNanos) {
        if (!Actions.MESSAGE_EVENT.equals(event.path("type").asText())) {
            return;
        }
        Sent sent = sends.get(event.path("clientMessageId").asText());
        if (sent == null) {
            unknown.incrementAndGet();
            return;
        }
        if (!sent.recipients.add(device)) {
            duplicates.incrementAndGet();
        }
        sent.deliveries.incrementAndGet();
        sent.firstDeliveryNanos.compareAndSet(0, arrivedNanos);
    }

    long expected(Collection<String> clientMessageIds) {
        return clientMessageIds.stream().map(sends::get).filter(Objects::nonNull).mapToLong(s -> s.expected).sum();
    }

    long delivered(Collection<String> clientMessageIds) {
        return clientMessageIds.stream().map(sends::get).filter(Objects::nonNull).mapToLong(s -> s.deliveries.get()).sum();
    }

    /** Deliveries to a device that already had the message, over the whole run. */
    long duplicates() {
        return duplicates.get();
    }

    /** Message events for messages this benchmark did not send, over the whole run. */
    long unknown() {
        return unknown.get();
    }

    /** Milliseconds from each send to its first delivery, for the sends that were delivered. */
    List<Double> firstDeliveryMillis(Collection<String> clientMessageIds) {
        return clientMessageIds.stream().map(sends::get).filter(Objects::nonNull)
                .filter(s -> s.firstDeliveryNanos.get() != 0)
                .map(s -> (s.firstDeliveryNanos.get() - s.sentNanos) / 1e6)
                .toList();
    }
}
