package dev.parley.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * This process's CPU time, every thread's (the JIT compilers' and the collector's too): the bench runs
 * the local cloud's gateway emulator and the handlers in-process beside its own clients, so this is
 * what the JVM side of the local cloud costs. CPU time, unlike wall time, moves little when other
 * processes share the cores.
 */
final class JvmCpu {
    private JvmCpu() {
    }

    /** Nanoseconds of CPU this process has used so far; 0 where the JVM cannot tell. */
    static long nanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    /**
     * {@code "; this JVM: 4,210 ms CPU, 19,990 frames out, 0.21 ms a frame"}: what a phase cost this
     * JVM per frame the gateway sent, everything it did meanwhile included. In a fan-out phase the frames
     * are the posts (each an {@code @connections} call from a worker, the gateway's answer and the
     * bench socket's read), the senders' replies a handful among them.
     */
    static String perFrame(long cpuNanos, long framesOut) {
        return String.format(Locale.ROOT, "; this JVM: %,.0f ms CPU, %,d frames out, %.2f ms a frame",
                cpuNanos / 1e6, framesOut, cpuNanos / 1e6 / Math.max(1, framesOut));
    }
}
