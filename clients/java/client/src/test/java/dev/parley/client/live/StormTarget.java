package dev.parley.client.live;

import dev.parley.client.connection.Backoff;

import java.util.Collection;
import java.util.List;

/**
 * The reconnect storm's targets, derived from the workload instead of chosen: N clients lose their
 * sockets at once and come back through a quota of R connects a second, to a local cloud that
 * completes at most C connects and syncs a second.
 * <ol>
 *   <li><b>Floor</b> {@code F = N / min(R, C)}: no policy gets every client in sooner. C is measured in
 *       the same run (the best 10 s of the first connect), so the machine's load cancels out.</li>
 *   <li><b>Backoff</b>: a client refused at time t has drawn windows 1, 2, 4, ... s (the SDK's own
 *       {@link Backoff}), each waited half its window on average, so its next window is about 2t + 1 s
 *       ({@link #windowAfter}). The last client, refused just before the floor, may wait that window
 *       once more: {@code + W(F)}.</li>
 *   <li><b>Its own connect</b>: one connect and sync, {@code + L}, the median measured in the first
 *       connect.</li>
 * </ol>
 * So every client is back within {@code F + W(F) + L}. It fails when the storm wastes capacity (connects
 * refused with 500, work done for clients that gave up) or when the windows do not grow.
 *
 * <p>Spread: n waiting clients drawing from windows of w seconds make 2n/w attempts a second on
 * average. In the storm's second half (t from T/2) every waiting client has a window of at least
 * W(T/2), so the mean attempts a second there stay under {@code 2N / W(T/2)}. A crowd that retried at
 * a fixed interval d would make N/d, whatever the time.
 */
public record StormTarget(int clients, double floorSeconds, double windowSeconds, double connectSeconds) {

    /** The completion rate of the best {@code windowSeconds}-long window, in completions a second. */
    public static double bestRate(Collection<Long> completedAtNanos, double windowSeconds) {
        List<Long> sorted = completedAtNanos.stream().sorted().toList();
        long window = (long) (windowSeconds * 1e9);
        int best = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (sorted.get(to) - sorted.get(from) > window) {
                from++;
            }
            best = Math.max(best, to - from + 1);
        }
        return best / windowSeconds;
    }

    /**
     * The window a client draws its next wait from after failing since the outage for
     * {@code elapsedSeconds}: the first window whose predecessors, waited half each on average,
     * already add up to more than the elapsed time.
     */
    public static double windowAfter(Backoff backoff, double elapsedSeconds) {
        double waited = 0;
        int attempt = 1;
        while (attempt < 64) {
            double window = backoff.windowMillis(attempt) / 1000.0;
            if (waited + window / 2 > elapsedSeconds || window >= backoff.windowMillis(Integer.MAX_VALUE) / 1000.0) {
                return window;
            }
            waited += window / 2;
            attempt++;
        }
        return backoff.windowMillis(attempt) / 1000.0;
    }

    /**
     * @param capacity completions a second the local cloud managed at best (min(R, C), measured)
     * @param connectSeconds one client's connect and sync (median, measured)
     */
    public static StormTarget of(int clients, double capacity, Backoff backoff, double connectSeconds) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("no capacity measured: nothing connected in the first phase");
        }
        double floor = clients / capacity;
        return new StormTarget(clients, floor, windowAfter(backoff, floor), connectSeconds);
    }

    public double seconds() {
        return floorSeconds + windowSeconds + connectSeconds;
    }

    public boolean met(double stormSeconds) {
        return stormSeconds <= seconds();
    }

    /** The mean attempts a second allowed in the second half of a storm that lasted {@code stormSeconds}. */
    public double attemptsBound(Backoff backoff, double stormSeconds) {
        return 2.0 * clients / windowAfter(backoff, stormSeconds / 2);
    }

    /** The mean of the second half of {@code perSecond} (one count per second of the storm). */
    public static double secondHalfMean(List<Integer> perSecond) {
        List<Integer> half = perSecond.subList(perSecond.size() / 2, perSecond.size());
        return half.stream().mapToInt(Integer::intValue).average().orElse(0);
    }

    public String derivation() {
        return String.format("%d / capacity = %.1f s + backoff window then %.0f s + one connect %.1f s",
                clients, floorSeconds, windowSeconds, connectSeconds);
    }
}
