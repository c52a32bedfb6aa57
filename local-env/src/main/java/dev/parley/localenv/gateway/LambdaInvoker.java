package dev.parley.localenv.gateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Runs one Lambda function in-process, the way the Lambda Java runtime does: event JSON bytes in,
 * response JSON bytes out.
 *
 * <ul>
 *   <li><b>Handler.</b> {@code pkg.Class::method} or {@code pkg.Class} (method {@code handleRequest}).
 *       Supported shapes, as in the Java runtime: {@code (InputStream, OutputStream[, Context])} like
 *       {@code RequestStreamHandler}, and {@code (I[, Context])} like {@code RequestHandler<I, O>}, with
 *       {@code I} and {@code O} read from the method's generic signature. A class named alone that
 *       implements {@code RequestStreamHandler} is called on its stream entry, as the runtime calls it,
 *       whatever other {@code handleRequest} it has: Parley's functions are such classes, so here as on
 *       Lambda their own code reads the event's bytes and writes the response's.</li>
 *   <li><b>Serialization</b> (POJO handlers only). Through {@code aws-lambda-java-serialization}, chosen exactly as the runtime
 *       chooses: {@link LambdaEventSerializers} for the event classes it supports, otherwise the runtime's
 *       plain {@link JacksonFactory} serializer (unknown properties ignored, null primitives become 0).
 *       So a handler sees here what it sees on Lambda.</li>
 *   <li><b>Construction.</b> A public constructor taking {@code Map<String, String>} receives the function's
 *       environment (template variables plus the ones Lambda always sets: {@code AWS_REGION},
 *       {@code AWS_LAMBDA_FUNCTION_NAME}, ...), so each function sees its own environment in one JVM;
 *       otherwise the public no-arg constructor runs.</li>
 *   <li><b>Concurrency.</b> Lambda runs one invocation at a time per execution environment and starts
 *       another environment when invocations overlap. This class does the same with instances: each
 *       invocation borrows an idle instance (a warm start) or constructs a new one (a cold start), and
 *       returns it afterwards. Instance state is therefore never shared by concurrent invocations, as on
 *       Lambda; static state is shared by all of them, unlike Lambda, where each environment is its own JVM.</li>
 * </ul>
 * Thread-safe. Timeouts are the caller's: {@link #invoke} runs to completion.
 */
public final class LambdaInvoker {
    private final FunctionDefinition function;
    private final Map<String, String> environment;
    private final String functionArn;
    private final ClassLoader classLoader;
    private final Class<?> handlerClass;
    private final Method method;
    private final boolean streamHandler;
    private final PojoSerializer<Object> inputSerializer;
    private final PojoSerializer<Object> outputSerializer;
    private final Clock clock;
    private final ConcurrentLinkedDeque<Object> idleInstances = new ConcurrentLinkedDeque<>();

    /**
     * Resolves the handler class and method now, so that a wrong handler name fails at startup; instances
     * are constructed on first use.
     */
    public LambdaInvoker(FunctionDefinition function, String region, String accountId, ClassLoader classLoader) {
        this.function = function;
        this.classLoader = classLoader;
        this.clock = Clock.systemUTC();
        this.functionArn = "arn:aws:lambda:" + region + ":" + accountId + ":function:" + function.logicalId();
        this.environment = lambdaEnvironment(function, region);
        String[] parts = function.handler().split("::", 2);
        try {
            this.handlerClass = Class.forName(parts[0], false, classLoader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("handler class of " + function.logicalId() + " not found: " + parts[0], e);
        }
        Method streamEntry = parts.length == 1 ? streamEntry(handlerClass) : null;
        this.method = streamEntry != null ? streamEntry
                : handlerMethod(handlerClass, parts.length == 2 ? parts[1] : "handleRequest", function);
        Class<?>[] parameters = method.getParameterTypes();
        this.streamHandler = parameters.length >= 2 && parameters[0] == InputStream.class
                && parameters[1] == OutputStream.class;
        boolean hasInput = !streamHandler && parameters.length > 0 && parameters[0] != Context.class;
        this.inputSerializer = hasInput ? serializerFor(method.getGenericParameterTypes()[0], classLoader) : null;
        this.outputSerializer = streamHandler || method.getReturnType() == void.class
                ? null : serializerFor(method.getGenericReturnType(), classLoader);
    }

    public String functionName() {
        return function.logicalId();
    }

    /**
     * Invokes the function once.
     *
     * @param event    the event as Lambda receives it (JSON)
     * @param deadline what {@code Context.getRemainingTimeInMillis()} counts down to
     * @return the response as Lambda returns it (JSON; {@code null} for a void handler)
     * @throws LambdaFunctionException when the handler, its constructor or (de)serialization throws
     */
    public byte[] invoke(byte[] event, Instant deadline) throws LambdaFunctionException {
        LambdaMeter.invoked(function.logicalId());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            Object instance = borrowInstance();
            LocalLambdaContext context = context(deadline);
            CurrentInvocation.set(new CurrentInvocation.Invocation(function.logicalId(), context.awsRequestId()));
            try {
                return invokeOn(instance, event, context);
            } finally {
                CurrentInvocation.clear();
                idleInstances.offerFirst(instance);
            }
        } catch (InvocationTargetException e) {
            throw new LambdaFunctionException(function.logicalId(), e.getCause());
        } catch (Exception | LinkageError e) {
            throw new LambdaFunctionException(function.logicalId(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private byte[] invokeOn(Object instance, byte[] event, Context context) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int parameterCount = method.getParameterCount();
        if (streamHandler) {
            Object[] arguments = parameterCount == 3
                    ? new Object[]{new ByteArrayInputStream(event), output, context}
                    : new Object[]{new ByteArrayInputStream(event), output};
            method.invoke(instance, arguments);
            return output.toByteArray();
        }
        Object[] arguments = new Object[parameterCount];
        int next = 0;
        if (inputSerializer != null) {
            arguments[next++] = inputSerializer.fromJson(new ByteArrayInputStream(event));
        }
        if (next < parameterCount) {
            arguments[next] = context;
        }
        Object result = method.invoke(instance, arguments);
        if (outputSerializer == null) {
            return "null".getBytes(StandardCharsets.UTF_8);
        }
        outputSerializer.toJson(result, output);
        return output.toByteArray();
    }

    private Object borrowInstance() throws ReflectiveOperationException {
        Object idle = idleInstances.pollFirst();
        if (idle != null) {
            return idle;
        }
        try {
            Constructor<?> withEnvironment = handlerClass.getConstructor(Map.class);
            return withEnvironment.newInstance(environment);
        } catch (NoSuchMethodException e) {
            return handlerClass.getConstructor().newInstance();
        }
    }

    private LocalLambdaContext context(Instant deadline) {
        return new LocalLambdaContext(UUID.randomUUID().toString(), function.logicalId(), functionArn,
                "local/" + Thread.currentThread().getName(), deadline, clock);
    }

    private static Map<String, String> lambdaEnvironment(FunctionDefinition function, String region) {
        Map<String, String> environment = new HashMap<>(function.environment());
        environment.putIfAbsent("AWS_REGION", region);
        environment.putIfAbsent("AWS_DEFAULT_REGION", region);
        environment.putIfAbsent("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        environment.putIfAbsent("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.putIfAbsent("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(LocalLambdaContext.MEMORY_MB));
        environment.putIfAbsent("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        environment.putIfAbsent("_HANDLER", function.handler());
        return Map.copyOf(environment);
    }

    /**
     * As the runtime does for a class named alone: a {@code RequestStreamHandler} is called on its
     * stream entry, through the interface (the class that implements it need not be public), as
     * the handler's class loader sees that interface. Null for any other class.
     */
    private static Method streamEntry(Class<?> type) {
        Class<?> streamHandler;
        try {
            streamHandler = Class.forName(RequestStreamHandler.class.getName(), false, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        if (!streamHandler.isAssignableFrom(type)) {
            return null;
        }
        return Arrays.stream(streamHandler.getMethods())
                .filter(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 3)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(streamHandler.getName() + " has no handleRequest"));
    }

    /** The public instance method of that name with a runtime-supported shape; the widest one wins. */
    private static Method handlerMethod(Class<?> type, String name, FunctionDefinition function) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && !m.isBridge() && !m.isSynthetic()
                        && !Modifier.isStatic(m.getModifiers()) && supportedShape(m.getParameterTypes()))
                .max(Comparator.comparingInt(Method::getParameterCount))
                .orElseThrow(() -> new IllegalArgumentException("handler " + function.handler() + " of "
                        + function.logicalId() + " has no public method " + name + " with a Lambda handler signature"));
    }

    private static boolean supportedShape(Class<?>[] p) {
        return switch (p.length) {
            case 0, 1 -> true;
            case 2 -> p[1] == Context.class || (p[0] == InputStream.class && p[1] == OutputStream.class);
            case 3 -> p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class;
            default -> false;
        };
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializerFor(Type type, ClassLoader classLoader) {
        if (type instanceof Class<?> eventClass && LambdaEventSerializers.isLambdaSupportedEvent(eventClass.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(eventClass, classLoader);
        }
        Type concrete = type instanceof Class<?> || type instanceof ParameterizedType ? type : Object.class;
        return JacksonFactory.getInstance().getSerializer(concrete);
    }
}
