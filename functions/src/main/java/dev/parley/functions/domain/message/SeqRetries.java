package dev.parley.functions.domain.message;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * How long a send keeps racing for its conversation's next seq ({@link SendMessage}, {@link SendToLargeGroup}), and how
 * it waits between rounds.
 *
 * <p>A send loses a round only to a send that was stored, so losing is progress for the conversation, and the
 * sender's best move is to keep trying: UNAVAILABLE would make its client send again, which starts the race from
 * scratch a round trip later and waits as long again. So the limit is time, not rounds: a send keeps trying for as long
 * as the function can spare, until {@link #RESERVE} of its time is left (what delivery and the reply need once the
 * message is stored), and for at most {@link #BUDGET} from its start, whatever the function's own timeout: the reply
 * must beat API Gateway's 29 s integration timeout, and the clients' 30 s. {@link #MAX_ROUNDS} is a safety net only:
 * at DynamoDB's 20-30 ms a round and a mean pause of 80 ms once contended, 20 s is some 200 rounds.
 *
 * <p>Why 20 s and not less: one conversation stores one message per round, so with {@code n} sends in flight a send
 * waits about {@code n} rounds on average and its wins are luck, not turns; a budget cut off the tail that would have
 * won a moment later. On DynamoDB 20 senders wait about half a second; on the 2-core local cloud, at 3 messages a
 * second, 10 s answered one send in six UNAVAILABLE (docs/cost.md, "W8: losing races without UNAVAILABLE").
 *
 * <p>After a lost round the loser waits a random time between 0 and a ceiling that starts at {@link #FIRST_BACKOFF} and
 * doubles per lost round up to {@link #MAX_BACKOFF} ("full jitter"): the losers of one round spread out instead of all
 * re-reading and writing again at once, and each of their rounds is a refused write and a consistent read in the same
 * partition. Jitter alone, not long pauses: the ceilings stay small against the one second a reply should take.
 */
public final class SeqRetries {
    /** The longest a send keeps trying for a seq, counted from its start. */
    public static final Duration BUDGET = Duration.ofSeconds(20);
    /** What a send keeps of the function's time left for delivery and the reply once its message is stored. */
    public static final Duration RESERVE = Duration.ofSeconds(8);
    /** The safety net: no send makes more rounds than this, whatever the time. */
    public static final int MAX_ROUNDS = 200;
    public static final Duration FIRST_BACKOFF = Duration.ofMillis(10);
    public static final Duration MAX_BACKOFF = Duration.ofMillis(160);

    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Duration budget;
    private final int maxRounds;

    /** Waits; a test's sleeper moves its clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    SeqRetries(LongSupplier nanoTime, Sleeper sleeper, RandomGenerator random, Duration budget, int maxRounds) {
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.random = random;
        this.budget = budget;
        this.maxRounds = maxRounds;
    }

    /** The real clock, real waits, {@link #BUDGET}, {@link #RESERVE} and {@link #MAX_ROUNDS}. */
    public static SeqRetries standard() {
        return new SeqRetries(System::nanoTime, pause -> Thread.sleep(pause), () -> ThreadLocalRandom.current().nextLong(), BUDGET,
                MAX_ROUNDS);
    }

    /** A send starting now, in a function with no known deadline: {@link #BUDGET} alone bounds it. */
    public Race start() {
        return start(null);
    }

    /** @param timeLeft the function's time left (Lambda's {@code getRemainingTimeInMillis}); null when unknown */
    public Race start(Duration timeLeft) {
        Duration allowed = timeLeft == null ? budget : min(budget, timeLeft.minus(RESERVE));
        return new Race(nanoTime.getAsLong() + Math.max(0, allowed.toNanos()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The ceiling of the wait after {@code lost} lost rounds (1 for the first). */
    static Duration ceiling(int lost) {
        int doublings = Math.min(lost - 1, 16);
        return min(FIRST_BACKOFF.multipliedBy(1L << doublings), MAX_BACKOFF);
    }

    /** One send's race: how many rounds it lost, and until when it may keep trying. */
    public final class Race {
        private final long deadline;
        private int lost;

        private Race(long deadline) {
            this.deadline = deadline;
        }

        /**
         * After a lost round: waits a jittered pause and answers true when another round is allowed, or answers false
         * at once (no wait) when the rounds or the time are spent and the send should give up with UNAVAILABLE.
         */
        public boolean again() {
            lost++;
            if (lost >= maxRounds) {
                return false;
            }
            long ceiling = ceiling(lost).toNanos();
            long pause = random.nextLong(ceiling + 1);
            if (nanoTime.getAsLong() + pause >= deadline) {
                return false;
            }
            try {
                sleeper.sleep(Duration.ofNanos(pause));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return true;
        }

        /** Rounds lost so far. */
        public int lost() {
            return lost;
        }
    }
}
