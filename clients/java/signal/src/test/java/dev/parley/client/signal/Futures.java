package dev.parley.client.signal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waiting on the SDK's futures in tests, so a failure shows as the typed exception the app would see. */
public final class Futures {
    private Futures() {
    }

    /** The future's value, or its own failure thrown without the ExecutionException/CompletionException wrappers. */
    public static <T> T await(CompletableFuture<T> future, Duration timeout) throws Exception {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw cause instanceof Exception ex ? ex : new RuntimeException(cause);
        }
    }
}
