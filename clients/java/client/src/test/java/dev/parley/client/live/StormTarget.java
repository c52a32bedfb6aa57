package dev.parley.client.live;

import dev.parley.client.connection.Backoff;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * The reconnect storm's targets, derived from the workload instead of chosen: N clients lose their
 * sockets at once and come back through a quota of R connects a second, to a local cloud that
 * completes at most C connects and syncs a second.
 * <ol>
 *   <li><b>Floor</b> {@code F = N / min(R, C)}: no policy gets every client in sooner (1,000 clients at
 *       100 connects/s: 10 s). C is measured in the same run (the best 10 s of the first connect), so
 *       the machine's load cancels out.</li>
 *   <li><b>Backoff</b>: a client refused at time t draws its next wait from a window that doubles per
 *       failure (the SDK's own {@link Backoff}). On average that window is about 2t + 1 s
 *       ({@link #windowAfter}), but a client whose early draws were short has failed more often: among
 *       hundreds, a few percent hold windows 4 to 8 times the average, so the last client refused just
 *       before the floor may wait up to the cap ({@code W} = 300 s): {@code + W}.</li>
 *   <li><b>Its own connect</b>: one connect and sync, {@code + L}, the median measured in the first
 *       connect.</li>
 * </ol>
 * So every client is back within {@code F + W + L}, if the cloud serves the crowd at C from the
 * storm's start. Whatever stalls it (connects queued past the handshake timeout and abandoned,
 * connects refused 500, work queued ahead of the connects) pushes refusals past F and the storm past
 * the target. {@link #simulate} plays the same policy against an ideal cloud, for what the policy
 * alone costs.
 *
 * <p>Spread: n waiting clients drawing from windows of w seconds make 2n/w attempts a second on
 * average. In the storm's second half (t from T/2) a waiting client's window averages at least
 * {@code windowAfter(T/2)}, so the mean attempts a second there stay under {@code 2N / windowAfter(T/2)}.
 * A crowd that retried at a fixed interval d would make N/d, whatever the time.
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
        return new StormTarget(clients, clients / capacity, backoff.windowMillis(Integer.MAX_VALUE) / 1000.0, connectSeconds);
    }

    public double seconds() {
        return floorSeconds + windowSeconds + connectSeconds;
    }

    public boolean met(double stormSeconds) {
        return stormSeconds <= seconds();
    }

    /**
     * The storm the SDK's policy gives against an ideal local cloud: {@code clients} clients, all
     * refused once by the outage, retry with {@code backoff}; in each second the first
     * {@code capacity} attempts get in (the rest are refused and draw a new wait) and are back
     * {@code connectSeconds} later. Returns the seconds until the last is back, the worst of a few
     * seeded runs: what the policy alone costs. What a real storm adds to it is the cloud's stalls.
     */
    public static double simulate(int clients, double capacity, Backoff backoff, double connectSeconds) {
        double worst = 0;
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            PriorityQueue<double[]> next = new PriorityQueue<>(Comparator.comparingDouble((double[] c) -> c[0]));
            for (int i = 0; i < clients; i++) {
                next.add(new double[]{random.nextDouble() * backoff.windowMillis(1) / 1000.0, 1});
            }
            long second = -1;
            double admitted = 0;
            double last = 0;
            while (!next.isEmpty()) {
                double[] client = next.poll();
                double at = client[0];
                if ((long) at != second) {
                    second = (long) at;
                    admitted = 0;
                }
                if (admitted + 1 <= capacity) {
                    admitted++;
                    last = Math.max(last, at + connectSeconds);
                } else {
                    int attempt = (int) client[1] + 1;
                    next.add(new double[]{at + random.nextDouble() * backoff.windowMillis(attempt) / 1000.0, attempt});
                }
            }
            worst = Math.max(worst, last);
        }
        return worst;
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
        return String.format("%d / capacity = %.1f s + the backoff cap %.0f s + one connect %.1f s",
                clients, floorSeconds, windowSeconds, connectSeconds);
    }
}
