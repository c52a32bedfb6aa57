package dev.parley.functions.adapter.aws;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * This process's share of the account's API Gateway request quota: a token bucket that every
 * {@code @connections} attempt (a retry included) waits on before it is sent, so a large fan-out
 * spreads its posts over time instead of meeting 429s. The account's 10,000 requests a second are
 * shared by every API, every inbound message and every function instance, so each instance is
 * given a fraction of it ({@code CONNECTIONS_POSTS_PER_SECOND}, docs/deploy.md).
 *
 * <p>A bucket of {@code max(1, rate / 10)} tokens (a tenth of a second's worth) refilled at the rate;
 * waiters are served in the order they asked (each reserves the next free slot, then waits outside
 * the lock). Thread-safe.
 */
public final class PostPacing {
    /** Never waits: no pacing (the default when no rate is configured). */
    public static final PostPacing UNPACED = new PostPacing(0, System::nanoTime, LockSupport::parkNanos);

    /** How the waiting is done; tests record it instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleepNanos(long nanos);
    }

    private final long intervalNanos;
    private final long toleranceNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    /** When the bucket would next be empty if no one asked before then (GCRA's theoretical arrival time). */
    private long theoreticalArrival;

    PostPacing(double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (perSecond < 0 || Double.isNaN(perSecond)) {
            throw new IllegalArgumentException("posts per second must not be negative: " + perSecond);
        }
        this.intervalNanos = perSecond == 0 ? 0 : Math.max(1, Math.round(1e9 / perSecond));
        this.toleranceNanos = (burstOf(perSecond) - 1) * intervalNanos;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.theoreticalArrival = nanoTime.getAsLong();
    }

    /** {@code perSecond} posts a second; 0 is {@link #UNPACED}. */
    public static PostPacing perSecond(double perSecond) {
        return perSecond == 0 ? UNPACED : new PostPacing(perSecond, System::nanoTime, LockSupport::parkNanos);
    }

    static long burstOf(double perSecond) {
        return Math.max(1, (long) Math.floor(perSecond / 10));
    }

    public boolean isPaced() {
        return intervalNanos > 0;
    }

    /** Waits until this process may send one more request; returns at once when unpaced. */
    public void acquire() {
        long wait = reserve();
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }

    /** Reserves the next slot; how long to wait for it. */
    synchronized long reserve() {
        if (intervalNanos == 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        long slot = Math.max(theoreticalArrival, now);
        long wait = Math.max(0, slot - toleranceNanos - now);
        theoreticalArrival = slot + intervalNanos;
        return wait;
    }
}
