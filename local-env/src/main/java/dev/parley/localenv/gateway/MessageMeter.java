package dev.parley.localenv.gateway;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts API Gateway WebSocket messages the way AWS bills them: every message in or out counts in
 * 32 KB units (a 33 KB message is two). In: messages received from clients. Out: {@code @connections}
 * POSTs and route responses. The gateway's own error frames (Forbidden, Internal server error) are not
 * counted. Thread-safe; the cost benchmark reads it.
 */
public final class MessageMeter {
    /** AWS bills WebSocket messages in 32 KB increments. */
    public static final int BILLING_UNIT_BYTES = 32 * 1024;

    private final AtomicLong inbound = new AtomicLong();
    private final AtomicLong outbound = new AtomicLong();

    /** Billed units for one message of this size: at least one, then one per started 32 KB. */
    public static long units(long messageBytes) {
        return Math.max(1, (messageBytes + BILLING_UNIT_BYTES - 1) / BILLING_UNIT_BYTES);
    }

    void countInbound(long messageBytes) {
        inbound.addAndGet(units(messageBytes));
    }

    void countOutbound(long messageBytes) {
        outbound.addAndGet(units(messageBytes));
    }

    /** Billed units of messages received from clients. */
    public long inboundUnits() {
        return inbound.get();
    }

    /** Billed units of messages sent to clients (@connections POSTs and route responses). */
    public long outboundUnits() {
        return outbound.get();
    }

    public long totalUnits() {
        return inboundUnits() + outboundUnits();
    }
}
