package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.parley.functions.lambda.LambdaEvents;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A Parley function's entry point and its SnapStart priming.
 *
 * <p>Lambda calls the stream entry ({@link RequestStreamHandler}; the template names the class
 * alone): the event's JSON bytes go through {@link LambdaEvents} into the typed
 * {@link #handleRequest(Object, com.amazonaws.services.lambda.runtime.Context)} each handler
 * implements, and its response back out as bytes, so the runtime's own event serialization never
 * loads. Tests may call the typed method directly.
 *
 * <p>It warms its hot path before a SnapStart snapshot. SnapStart runs CRaC's
 * {@code beforeCheckpoint} once, when a version is published. Priming loads the shared classes
 * (codec, JWT parser), then invokes the handler itself with its {@link #primingEvent()} while
 * every AWS call is answered in-process by the priming HTTP client (an empty success, signed with
 * placeholder keys): the snapshot then holds the real handler path, from the event's bytes on, JIT-warm, and nothing reached
 * the network or a Parley resource. What the empty answers make of the invocation (usually a
 * NOT_FOUND or a refusal) is discarded.
 */
abstract class PrimedHandler<I, O> implements Resource, RequestStreamHandler {
    @SuppressWarnings("unchecked")
    private final LambdaEvents.EventReader<I> eventReader = (LambdaEvents.EventReader<I>) LambdaEvents.readerOfTypeParameter(getClass(), PrimedHandler.class);
    private final Runnable priming;
    private final Consumer<Runnable> offline;
    private final AtomicInteger primingInvocations = new AtomicInteger();

    /** A handler that is never primed through its own path (tests, given use cases). */
    PrimedHandler(Runnable priming) {
        this(priming, null);
    }

    /**
     * @param priming loads the shared classes
     * @param offline runs its argument with every AWS call answered offline (the wiring's)
     */
    PrimedHandler(Runnable priming, Consumer<Runnable> offline) {
        this.priming = priming;
        this.offline = offline;
    }

    /**
     * Only Lambda's no-arg constructors register: local-env builds many handlers in one JVM
     * that is never snapshotted, and registered resources are kept for the JVM's lifetime.
     */
    final void primeBeforeSnapshot() {
        Core.getGlobalContext().register(this);
    }

    /** The function's work: the event as its source sent it, the response its source expects (null for none). */
    public abstract O handleRequest(I event, com.amazonaws.services.lambda.runtime.Context context);

    /** Lambda's entry point: event JSON in, response JSON out. */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, com.amazonaws.services.lambda.runtime.Context context)
            throws IOException {
        LambdaEvents.<I>handle(input, output, eventReader, event -> handleRequest(event, context));
    }

    /** The synthetic event this handler handles before a snapshot, shaped as its event source sends it. */
    abstract I primingEvent();

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        priming.run();
        if (offline != null) {
            offline.accept(this::invokeWithPrimingEvent);
        }
    }

    private void invokeWithPrimingEvent() {
        byte[] event = LambdaEvents.toJson(primingEvent());
        primingInvocations.incrementAndGet();
        try {
            handleRequest(new ByteArrayInputStream(event), OutputStream.nullOutputStream(), null);
        } catch (RuntimeException | IOException refusedOrFailed) {
            // The authorizer refuses by throwing, and empty answers end some paths early: the code ran.
        }
    }

    /** How many times priming invoked this handler. */
    final int primingInvocations() {
        return primingInvocations.get();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing is held open across the snapshot: the HTTP clients connect per request.
    }
}
