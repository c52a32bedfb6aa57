package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.model.v1.Actions;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The receiving side of a conversation as the shipped web client behaves with the conversation open
 * and visible (a chat under way): what it sends back for the messages it gets live. Off (null
 * policy) while a workload measures sends alone.
 *
 * <p>Also watches the {@code receipt} events every device gets, so a workload can check that each
 * turn's read receipt reached the sender.
 */
final class Readers implements Device.EventListener {

    /** What a client sends for messages that arrive live in the open conversation. */
    enum Policy {
        /**
         * The web client before issue #17 (chat.js {@code acknowledge} on every {@code message}
         * event): one {@code markRead} up to each message as it arrives.
         */
        PER_MESSAGE,
        /**
         * The web client since issue #17 (app/reads.js): no {@code markDelivered} for a live message
         * (the server records it), one {@code markRead} for the newest seq once no message arrived for
         * its read debounce. The bench does not wait out the debounce in wall-clock time (the local
         * cloud is many times slower than AWS, so a burst's sends would be further apart than on
         * AWS): it models a turn's burst as arriving within the debounce, and the driver sends the one
         * markRead when the burst is in ({@link #readNow}).
         */
        COALESCED
    }

    private record Key(Device device, String conversationId) {
    }

    private static final class State {
        long newest;
        long acknowledged;
        long inFlight;
    }

    private final Map<Key, State> states = new ConcurrentHashMap<>();
    /** receipt events seen, by receiving device, conversation and whose cursor: the newest readSeq. */
    private final Map<String, AtomicLong> receiptsSeen = new ConcurrentHashMap<>();
    private final AtomicLong receiptRequests = new AtomicLong();
    private final AtomicLong receiptFailures = new AtomicLong();
    private volatile Policy policy;

    void policy(Policy policy) {
        this.policy = policy;
    }

    long receiptRequests() {
        return receiptRequests.get();
    }

    long receiptFailures() {
        return receiptFailures.get();
    }

    @Override
    public void onEvent(Device device, JsonNode event, long arrivedNanos) {
        String type = event.path("type").asText();
        if (Actions.RECEIPT_EVENT.equals(type)) {
            receiptsSeen.computeIfAbsent(seenKey(device, event.path("conversationId").asText(), event.path("userId").asText()),
                    k -> new AtomicLong()).accumulateAndGet(event.path("readSeq").asLong(), Math::max);
            return;
        }
        Policy current = policy;
        if (current == null || !Actions.MESSAGE_EVENT.equals(type)
                || event.path("senderId").asText().equals(device.user().userId())) {
            return;
        }
        String conversationId = event.path("conversationId").asText();
        long seq = event.path("seq").asLong();
        State state = states.computeIfAbsent(new Key(device, conversationId), k -> new State());
        synchronized (state) {
            state.newest = Math.max(state.newest, seq);
            switch (current) {
                case PER_MESSAGE -> markRead(device, conversationId, state);
                case COALESCED -> state.notifyAll();
            }
        }
    }

    /**
     * COALESCED: the debounce has passed for {@code reader}'s conversation once the message {@code seq}
     * is in: one markRead for the newest seq. False when that message did not arrive within the timeout.
     */
    boolean readNow(Device reader, String conversationId, long seq, Duration timeout) throws InterruptedException {
        State state = states.computeIfAbsent(new Key(reader, conversationId), k -> new State());
        synchronized (state) {
            if (!waitFor(state, () -> state.newest >= seq, timeout)) {
                return false;
            }
            markRead(reader, conversationId, state);
        }
        return true;
    }

    /** Called holding the state's lock. */
    private void markRead(Device device, String conversationId, State state) {
        long upTo = state.newest;
        if (upTo <= Math.max(state.acknowledged, state.inFlight)) {
            return;
        }
        state.inFlight = upTo;
        receiptRequests.incrementAndGet();
        CompletableFuture<JsonNode> reply = device.request(Actions.MARK_READ,
                Device.fields().put("conversationId", conversationId).put("upToSeq", upTo));
        reply.whenComplete((ok, failure) -> {
            synchronized (state) {
                if (failure == null) {
                    state.acknowledged = Math.max(state.acknowledged, upTo);
                } else {
                    receiptFailures.incrementAndGet();
                    state.acknowledged = Math.max(state.acknowledged, upTo); // as the web client: the next sync tries again
                }
                state.notifyAll();
            }
        });
    }

    /** Waits until {@code reader} has acknowledged (reply in) up to {@code seq}; false after the timeout. */
    boolean awaitRead(Device reader, String conversationId, long seq, Duration timeout) throws InterruptedException {
        State state = states.computeIfAbsent(new Key(reader, conversationId), k -> new State());
        synchronized (state) {
            return waitFor(state, () -> state.acknowledged >= seq, timeout);
        }
    }

    /** Called holding the state's lock; the state is notified whenever it changes. */
    private static boolean waitFor(State state, BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            state.wait(Math.min(left, 50));
        }
        return true;
    }

    /** Waits until {@code sender}'s device has seen a receipt from {@code reader} with readSeq at least {@code seq}. */
    boolean awaitReceiptSeen(Device sender, String conversationId, Device reader, long seq, Duration timeout)
            throws InterruptedException {
        AtomicLong seen = receiptsSeen.computeIfAbsent(seenKey(sender, conversationId, reader.user().userId()),
                k -> new AtomicLong());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.get() < seq) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private static String seenKey(Device device, String conversationId, String aboutUserId) {
        return System.identityHashCode(device) + "/" + device.user().userId() + "/" + conversationId + "/" + aboutUserId;
    }
}
