package dev.parley.localenv.gateway;

import java.util.Optional;

/**
 * The Lambda invocation the calling thread works for, set by {@link LambdaInvoker} around each
 * invocation, so that code observing the handlers from outside (the cost benchmark's SDK
 * interceptor) can tell whose AWS call it sees. Inherited by the threads an invocation starts (a
 * virtual thread per task, as the functions start them); a pooled thread keeps the invocation that
 * created it, so its calls are attributed by time by whoever reads them, not by this value.
 */
public final class CurrentInvocation {
    /** @param requestId the invocation's {@code awsRequestId} */
    public record Invocation(String function, String requestId) {
    }

    private static final InheritableThreadLocal<Invocation> CURRENT = new InheritableThreadLocal<>();

    private CurrentInvocation() {
    }

    /** Empty on a thread no invocation started (the emulators' own, the benchmark's clients). */
    public static Optional<Invocation> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void set(Invocation invocation) {
        CURRENT.set(invocation);
    }

    static void clear() {
        CURRENT.remove();
    }
}
