package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.log.JsonLogger;

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
 * at DynamoDB's 20-30 ms a round, 20 s is 700-1,000 rounds.
 *
 * <p>One conversation stores one message per round, so with {@code n} sends in flight a send waits about {@code n}
 * rounds, and without help its wins are luck: the chance that a send loses for 20 s is that of losing every round of
 * them (W8 on the 2-core local cloud at 4 messages a second: 2 sends in 200). So a loser waits before its next round,
 * the younger the longer: a random time up to four times the round it lost ("full jitter", at least
 * {@link #MIN_CEILING}, at most {@link #MAX_CEILING}), scaled down linearly as the send ages, to nothing at
 * {@link #AGING}: the older a send, the more often it tries, so the sends that have waited longest take most of the
 * seqs (with pauses that stopped at 5 s, two sends of 200 still lost for 20 s at 3-4 messages a second). The young
 * ones spread out instead of all re-reading and writing at once, each such round being a refused write and a
 * consistent read in the conversation's partition. Scaled by the round it lost, the wait fits the place: at most
 * about 100 ms on DynamoDB, a second on a loaded local cloud.
 */
public final class SeqRetries {
    private static final JsonLogger LOG = JsonLogger.of(SeqRetries.class);
    /** The longest a send keeps trying for a seq, counted from its start. */
    public static final Duration BUDGET = Duration.ofSeconds(20);
    /** What a send keeps of the function's time left for delivery and the reply once its message is stored. */
    public static final Duration RESERVE = Duration.ofSeconds(8);
    /** The safety net: no send makes more rounds than this, whatever the time. */
    public static final int MAX_ROUNDS = 1_000;
    /** A send that has raced this long waits no more between rounds: the whole budget, so age keeps counting. */
    public static final Duration AGING = BUDGET;
    public static final Duration MIN_CEILING = Duration.ofMillis(10);
    public static final Duration MAX_CEILING = Duration.ofSeconds(1);

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
        long now = nanoTime.getAsLong();
        return new Race(now, now + Math.max(0, allowed.toNanos()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The longest wait after losing a round that took {@code round}, for a send that has raced {@code age}. */
    static Duration ceiling(Duration round, Duration age) {
        if (age.compareTo(AGING) >= 0) {
            return Duration.ZERO;
        }
        Duration fourTimes = round.multipliedBy(4);
        Duration clamped = fourTimes.compareTo(MIN_CEILING) < 0 ? MIN_CEILING : min(fourTimes, MAX_CEILING);
        // In microseconds, at most 1e6 x 2e10: within a long, where nanoseconds would not be.
        long micros = clamped.toNanos() / 1_000 * (AGING.toNanos() - age.toNanos()) / AGING.toNanos();
        return Duration.ofNanos(micros * 1_000);
    }

    /** One send's race: how many rounds it lost, and until when it may keep trying. */
    public final class Race {
        private final long started;
        private final long deadline;
        private long roundStarted;
        private int lost;

        private Race(long started, long deadline) {
            this.started = started;
            this.roundStarted = started;
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
            long now = nanoTime.getAsLong();
            long ceiling = ceiling(Duration.ofNanos(now - roundStarted), Duration.ofNanos(now - started)).toNanos();
            long pause = ceiling == 0 ? 0 : random.nextLong(ceiling + 1);
            if (now + pause >= deadline) {
                return false;
            }
            try {
                if (pause > 0) {
                    sleeper.sleep(Duration.ofNanos(pause));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            roundStarted = now + pause;
            return true;
        }

        /**
         * After a lost round: waits as {@link #again} does, or, when the send's rounds or time are spent, logs it and
         * throws UNAVAILABLE; the client retries with the same clientMessageId.
         */
        public void nextRound(String conversationId) {
            if (!again()) {
                LOG.warn("gave up the race for a seq", JsonLogger.fields("conversationId", conversationId, "roundsLost", lost));
                throw new FailureException(new Failure.Unavailable("messages table: lost the race for a seq " + lost + " times"));
            }
        }

        /** Rounds lost so far. */
        public int lost() {
            return lost;
        }
    }
}
