package dev.parley.bench;

import dev.parley.model.v1.Actions;
import dev.parley.model.Limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A conversation as people hold it with the shipped clients: turns, each a burst of messages by one
 * member (sent one after another, as the web client's outbox does), after which the others read
 * (their client sends what {@link Readers} says) before the next turn starts. With typing, each
 * message is preceded by {@code typing} and followed by {@code stopped}, as the web client sends for
 * a message typed in under its 3-second refresh.
 */
final class ConversationDriver {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** One member's burst of {@code messages} sends. */
    record Turn(ChatRoom room, Device sender, int messages) {
    }

    /**
     * @param turnsUnread    turns whose readers' markRead did not come back within the timeout
     * @param receiptsMissed turns of a conversation with receipts whose sender saw no read receipt for the turn
     * @param typingRequests typing requests sent (typing and stopped), and how many of them failed
     */
    record Outcome(List<String> stored, int failures, String firstFailure, Duration elapsed, int turns, int turnsUnread,
                   int receiptsMissed, long receiptRequests, long receiptFailures, long typingRequests,
                   long typingFailures) {
    }

    private final SendDriver sends;
    private final Readers readers;
    private final Progress progress;
    private final AtomicLong typingFailures = new AtomicLong();

    ConversationDriver(SendDriver sends, Readers readers, Progress progress) {
        this.sends = sends;
        this.readers = readers;
        this.progress = progress;
    }

    Outcome run(String label, List<List<Turn>> chains, Readers.Policy policy, boolean typing, int inFlight)
            throws InterruptedException {
        int total = chains.stream().flatMap(List::stream).mapToInt(Turn::messages).sum();
        int turns = chains.stream().mapToInt(List::size).sum();
        List<String> stored = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger unread = new AtomicInteger();
        AtomicInteger missed = new AtomicInteger();
        AtomicLong typingRequests = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long requestsBefore = readers.receiptRequests();
        long failuresBefore = readers.receiptFailures();
        long typingFailuresBefore = typingFailures.get();
        readers.policy(policy);
        long started = System.nanoTime();
        try (AutoCloseable ticker = progress.every2Seconds(() -> "%s: %d/%d sent, %d failed, %d markRead".formatted(
                label, stored.size() + failures.get(), total, failures.get(), readers.receiptRequests() - requestsBefore));
             ExecutorService pool = Executors.newFixedThreadPool(inFlight)) {
            for (List<Turn> chain : chains) {
                pool.execute(() -> {
                    for (Turn turn : chain) {
                        long last = 0;
                        for (int i = 0; i < turn.messages(); i++) {
                            try {
                                if (typing) {
                                    type(turn, "typing", typingRequests);
                                }
                                SendDriver.Sent sent = sends.send(new PlannedSend(turn.room(), turn.sender()));
                                stored.add(sent.clientMessageId());
                                last = Math.max(last, sent.seq());
                                if (typing) {
                                    type(turn, "stopped", typingRequests);
                                }
                            } catch (RuntimeException e) {
                                failures.incrementAndGet();
                                firstFailure.compareAndSet(null, e.getMessage());
                            }
                        }
                        if (last > 0) {
                            awaitReaders(turn, last, policy, unread, missed);
                        }
                    }
                });
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            readers.policy(null);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        sends.awaitDeliveries(label, stored);
        return new Outcome(List.copyOf(stored), failures.get(), firstFailure.get(), elapsed, turns, unread.get(),
                missed.get(), readers.receiptRequests() - requestsBefore, readers.receiptFailures() - failuresBefore,
                typingRequests.get(), typingFailures.get() - typingFailuresBefore);
    }

    /** The others read the turn before anyone answers; in conversations with receipts the sender must hear of it. */
    private void awaitReaders(Turn turn, long last, Readers.Policy policy, AtomicInteger unread, AtomicInteger missed) {
        try {
            for (Device reader : turn.room().members()) {
                if (reader == turn.sender()) {
                    continue;
                }
                if (policy == Readers.Policy.COALESCED && !readers.readNow(reader, turn.room().conversationId(), last, READ_TIMEOUT)) {
                    unread.incrementAndGet();
                } else if (!readers.awaitRead(reader, turn.room().conversationId(), last, READ_TIMEOUT)) {
                    unread.incrementAndGet();
                } else if (turn.room().members().size() <= Limits.RECEIPTS_MAX_MEMBERS
                        && !readers.awaitReceiptSeen(turn.sender(), turn.room().conversationId(), reader, last, READ_TIMEOUT)) {
                    missed.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failed typing request is counted and reported; the message is still sent, as the web client does. */
    private void type(Turn turn, String state, AtomicLong typingRequests) {
        typingRequests.incrementAndGet();
        try {
            turn.sender().request(Actions.TYPING, Device.fields().put("conversationId", turn.room().conversationId())
                    .put("state", state)).get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            typingFailures.incrementAndGet();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
