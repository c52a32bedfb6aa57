package dev.parley.bench;

import dev.parley.localenv.gateway.CurrentInvocation;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts the AWS round trips a send made one after another up to its first delivery, from the calls
 * {@link AwsCallLog} recorded while it ran: the longest chain of the invocation's calls in which each
 * starts after the one before it ended, among those that ended before its first {@code @connections}
 * post started, plus that post. A count, not a timing: with {@link InjectedAwsLatency}'s delay every
 * call lasts at least that long, so calls made in parallel overlap and calls made in turn do not,
 * however slow the machine is otherwise.
 */
final class RoundTrips {

    /** What one send's calls say: a count, or why they could not be counted. */
    sealed interface Sample {
        record Counted(int roundTrips) implements Sample {
        }

        record Uncounted(String why) implements Sample {
        }
    }

    private RoundTrips() {
    }

    /**
     * @param window the calls that started between the send's frame going out and its reply coming in,
     *               with sends made one at a time
     */
    static Sample ofSend(List<AwsCallLog.Call> window) {
        // A post runs on a pooled thread that may carry the invocation that created the pool: posts are
        // the send's by time (they started during it), every other call by its invocation.
        Set<CurrentInvocation.Invocation> invocations = window.stream().filter(call -> !call.isConnectionsPost())
                .flatMap(call -> call.invocation().stream()).collect(Collectors.toSet());
        if (invocations.size() != 1) {
            return new Sample.Uncounted("%d invocations made calls during the send, not 1".formatted(invocations.size()));
        }
        CurrentInvocation.Invocation send = invocations.iterator().next();
        Optional<AwsCallLog.Call> firstPost = window.stream()
                .filter(call -> call.isConnectionsPost() && call.invocation().isPresent())
                .min(Comparator.comparingLong(AwsCallLog.Call::startNanos));
        if (firstPost.isEmpty()) {
            return new Sample.Uncounted("no @connections post during the send");
        }
        List<AwsCallLog.Call> before = window.stream()
                .filter(call -> !call.isConnectionsPost() && call.invocation().equals(Optional.of(send))
                        && call.endNanos() <= firstPost.get().startNanos())
                .toList();
        return new Sample.Counted(longestChain(before) + 1);
    }

    /** The most calls that can be lined up so that each starts no earlier than the one before it ended. */
    static int longestChain(List<AwsCallLog.Call> calls) {
        List<AwsCallLog.Call> byEnd = calls.stream().sorted(Comparator.comparingLong(AwsCallLog.Call::endNanos)).toList();
        int[] chainEndingAt = new int[byEnd.size()];
        int longest = 0;
        for (int i = 0; i < byEnd.size(); i++) {
            chainEndingAt[i] = 1;
            for (int j = 0; j < i; j++) {
                if (byEnd.get(j).endNanos() <= byEnd.get(i).startNanos()) {
                    chainEndingAt[i] = Math.max(chainEndingAt[i], chainEndingAt[j] + 1);
                }
            }
            longest = Math.max(longest, chainEndingAt[i]);
        }
        return longest;
    }
}
