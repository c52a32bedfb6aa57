package dev.parley.bench.coldstart;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start in a fresh JVM, as Lambda's Java runtime does it for a handler the template names
 * by class alone: construct it with its no-argument constructor (configured from the process
 * environment); it is a {@code RequestStreamHandler}, so hand it the event's bytes and take the
 * response's bytes back, with no serialization of the runtime's in between. Prints {@value #MARKER}
 * and the response once handled; the parent measures from starting this process to that line. Its
 * classpath is the deployed jar, the runtime's serialization (on the runtime's classpath too, never
 * loaded for a stream handler) and this class only.
 */
public final class FirstEvent {
    public static final String MARKER = "PARLEY-COLD-START-HANDLED ";
    /** Printed after {@link #MARKER}: the CPU time this process had used when it printed the marker, in milliseconds. */
    public static final String CPU_MARKER = "PARLEY-COLD-START-CPU-MS ";

    private FirstEvent() {
    }

    public static void main(String[] args) throws Exception {
        Class<? extends RequestStreamHandler> type = Class.forName(args[0]).asSubclass(RequestStreamHandler.class);
        RequestStreamHandler handler = type.getConstructor().newInstance();
        String response;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream json = Files.newInputStream(Path.of(args[1]))) {
            handler.handleRequest(json, bytes, null);
            response = bytes.toString(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            // The authorizer refuses by throwing; the event was handled all the same.
            response = "{\"errorMessage\":\"" + e.getMessage() + "\"}";
        }
        System.out.println(MARKER + response);
        System.out.flush();
        printCpuTime();
    }

    /**
     * The process's CPU time (every thread: the JIT compiler's and the collector's too) from
     * /proc, read after the marker so the reading costs the measured time nothing. On a machine
     * loaded beyond its cores, wall time measures the wait for a core as much as the start; CPU
     * time does not.
     */
    public static void printCpuTime() {
        ProcessHandle.current().info().totalCpuDuration()
                .ifPresent(cpu -> System.out.println(CPU_MARKER + cpu.toMillis()));
        System.out.flush();
    }
}
