package dev.parley.functions.domain.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Time for {@link SeqRetries} without waiting: a pause moves the clock instead of sleeping, and each lost round may
 * be given a duration (the clock moves by it whenever a race asks the time after its start).
 */
final class FakeRaceClock {
    private final List<Duration> pauses = new ArrayList<>();
    private Duration round = Duration.ZERO;
    private long nanos;
    private long lastWake;
    private int reads;

    /** Each lost round takes this long before the race asks whether to go on. */
    FakeRaceClock eachRoundTaking(Duration roundTime) {
        this.round = roundTime;
        return this;
    }

    /** Retries on this clock, with a seeded random and {@link SeqRetries#MAX_ROUNDS}. */
    SeqRetries retries(Duration budget) {
        return retries(budget, new Random(18));
    }

    SeqRetries retries(Duration budget, java.util.random.RandomGenerator random) {
        return new SeqRetries(this::nanoTime, this::sleep, random, budget, SeqRetries.MAX_ROUNDS);
    }

    private synchronized long nanoTime() {
        if (reads++ > 0) {
            nanos += round.toNanos();
        }
        return nanos;
    }

    private synchronized void sleep(Duration pause) {
        pauses.add(pause);
        nanos += pause.toNanos();
        lastWake = nanos;
    }

    synchronized List<Duration> pauses() {
        return List.copyOf(pauses);
    }

    /** When the last pause ended, from the race's start. */
    synchronized Duration lastWake() {
        return Duration.ofNanos(lastWake);
    }
}
