package dev.parley.functions.wiring;

import dev.parley.functions.domain.Metrics;

import dev.parley.functions.domain.sync.History;
import dev.parley.functions.domain.sync.Sync;

import java.util.Map;

/** sync and history. */
public final class SyncWiring {
    private final CompositionRoot root;

    public SyncWiring(Map<String, String> environment) {
        this(new CompositionRoot(environment));
    }

    SyncWiring(CompositionRoot root) {
        this.root = root;
    }

    /** sync: the memberships table (what changed), the messages table (pages) and the devices table (push status). */
    public Sync sync() {
        return new Sync(root.memberCursors(), root.timeline(), root.messages(), root.devices(), root.clock());
    }

    public History history() {
        return new History(root.messages(), root.timeline(), root.memberRows());
    }

    /** Parley's CloudWatch metrics, which the handlers of this family record into. */
    public Metrics metrics() {
        return root.metrics();
    }

    public void prime() {
        root.prime();
    }

    /** Runs {@code work} with every AWS call answered offline: SnapStart priming through the handler itself. */
    public void offline(Runnable work) {
        root.offline(work);
    }
}
