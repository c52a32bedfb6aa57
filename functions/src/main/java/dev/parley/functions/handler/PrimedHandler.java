package dev.parley.functions.handler;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A handler that warms its hot path before a SnapStart snapshot. SnapStart runs CRaC's
 * {@code beforeCheckpoint} once, when a version is published; the priming loads classes and
 * calls no Parley resource; the SDK's HTTP warm-up tries one GET to STS and ignores its
 * failure, so it also works where the snapshot is taken offline.
 */
abstract class PrimedHandler implements Resource {
    private final Runnable priming;

    PrimedHandler(Runnable priming) {
        this.priming = priming;
    }

    /**
     * Only Lambda's no-arg constructors register: local-env builds many handlers in one JVM
     * that is never snapshotted, and registered resources are kept for the JVM's lifetime.
     */
    final void primeBeforeSnapshot() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        priming.run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing is held open across the snapshot: the HTTP clients connect per request.
    }
}
