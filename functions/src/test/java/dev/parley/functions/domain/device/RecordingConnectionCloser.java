package dev.parley.functions.domain.device;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Records which sockets were closed; sockets marked gone answer as already closed. */
public final class RecordingConnectionCloser implements ConnectionCloser {
    private final List<String> closed = new ArrayList<>();
    private final Set<String> gone = new HashSet<>();

    public synchronized void gone(String connectionId) {
        gone.add(connectionId);
    }

    @Override
    public synchronized boolean close(String connectionId) {
        closed.add(connectionId);
        return !gone.contains(connectionId);
    }

    public synchronized List<String> closed() {
        return List.copyOf(closed);
    }
}
