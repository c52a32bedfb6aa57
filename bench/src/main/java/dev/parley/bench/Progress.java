package dev.parley.bench;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Progress lines on the terminal's stderr (the embedded cloud's own logs go to a file). */
final class Progress {
    private final PrintStream out;
    private final long started = System.nanoTime();

    Progress(PrintStream out) {
        this.out = out;
    }

    void say(String format, Object... args) {
        out.printf("[bench %5.1fs] %s%n", (System.nanoTime() - started) / 1e9, format.formatted(args));
        out.flush();
    }

    /** Prints {@code status} every two seconds until closed, then once more. */
    AutoCloseable every2Seconds(Supplier<String> status) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "bench-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> say("%s", status.get()), 2, 2, TimeUnit.SECONDS);
        return () -> {
            timer.shutdownNow();
            say("%s", status.get());
        };
    }
}
