package dev.parley.functions.handler;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A handler that warms its hot path before a SnapStart snapshot. SnapStart runs CRaC's
 * {@code beforeCheckpoint} once, when a version is published. Priming loads the shared classes
 * (codec, JWT parser), then invokes the handler itself with its {@link #primingEvent()} while
 * every AWS call is answered in-process by the priming HTTP client (an empty success, signed with
 * placeholder keys): the snapshot then holds the real handler path JIT-warm, and nothing reached
 * the network or a Parley resource. What the empty answers make of the invocation (usually a
 * NOT_FOUND or a refusal) is discarded.
 */
abstract class PrimedHandler implements Resource {
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

    /** The synthetic event this handler handles before a snapshot, shaped as its event source sends it. */
    abstract Object primingEvent();

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        priming.run();
        if (offline != null) {
            offline.accept(this::invokeWithPrimingEvent);
        }
    }

    private void invokeWithPrimingEvent() {
        Object event = primingEvent();
        Method handleRequest = Arrays.stream(getClass().getMethods())
                .filter(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()
                        && m.getParameterTypes()[0].isInstance(event))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(getClass().getSimpleName() + " cannot handle its priming event"));
        primingInvocations.incrementAndGet();
        try {
            handleRequest.invoke(this, event, null);
        } catch (InvocationTargetException refusedOrFailed) {
            // The authorizer refuses by throwing, and empty answers end some paths early: the code ran.
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
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
