package dev.parley.bench.coldstart;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One cold start in a fresh JVM, as Lambda's Java runtime does it: construct the handler with its
 * no-argument constructor (configured from the process environment), read the event through the
 * runtime's serialization, handle it, write the response. Prints {@value #MARKER} and the response
 * once handled; the parent measures from starting this process to that line. Its classpath is the
 * deployed jar, the runtime's serialization and this class only.
 */
public final class FirstEvent {
    public static final String MARKER = "PARLEY-COLD-START-HANDLED ";
    /** Printed after {@link #MARKER}: the CPU time this process had used when it printed the marker, in milliseconds. */
    public static final String CPU_MARKER = "PARLEY-COLD-START-CPU-MS ";

    private FirstEvent() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName(args[0]);
        Object handler = type.getConstructor().newInstance();
        Method method = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge())
                .findFirst().orElseThrow();
        ClassLoader loader = FirstEvent.class.getClassLoader();
        PojoSerializer<Object> in = (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(method.getParameterTypes()[0], loader);
        PojoSerializer<Object> out = (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(method.getReturnType(), loader);
        Object event;
        try (InputStream json = Files.newInputStream(Path.of(args[1]))) {
            event = in.fromJson(json);
        }
        String response;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            out.toJson(method.invoke(handler, event, null), bytes);
            response = bytes.toString(StandardCharsets.UTF_8);
        } catch (java.lang.reflect.InvocationTargetException e) {
            // The authorizer refuses by throwing; the event was handled all the same.
            response = "{\"errorMessage\":\"" + e.getCause().getMessage() + "\"}";
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
