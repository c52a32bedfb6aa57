package dev.parley.functions.domain.viewing;

import dev.parley.functions.domain.delivery.Recipient;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Viewing state in memory, with the DynamoDB adapter's contract. */
final class InMemoryViewing implements ViewingState, Watchers {
    private final Map<String, Recipient> sockets = new LinkedHashMap<>();
    private final Map<String, Watcher> state = new HashMap<>();
    private final Clock clock;

    InMemoryViewing(Clock clock) {
        this.clock = clock;
    }

    void connect(Recipient socket) {
        sockets.put(socket.connectionId(), socket);
        state.put(socket.connectionId(), Watcher.idle(socket));
    }

    @Override
    public synchronized View view(String userId, String connectionId, String conversationId, Instant until) {
        Watcher watcher = state.get(connectionId);
        if (watcher == null) {
            return new View(false, null);
        }
        state.put(connectionId, new Watcher(watcher.socket(), conversationId, until, watcher.connectedAt()));
        return new View(true, viewingNow(watcher));
    }

    @Override
    public synchronized Optional<String> stopViewing(String userId, String connectionId) {
        Watcher watcher = state.get(connectionId);
        String before = watcher == null ? null : viewingNow(watcher);
        if (before == null) {
            return Optional.empty();
        }
        state.put(connectionId, new Watcher(watcher.socket(), before, clock.instant(), watcher.connectedAt()));
        return Optional.of(before);
    }

    private String viewingNow(Watcher watcher) {
        return watcher.viewing() != null && watcher.isViewing(watcher.viewing(), clock.instant()) ? watcher.viewing() : null;
    }

    @Override
    public synchronized List<Watcher> of(Collection<String> userIds) {
        List<Watcher> watchers = new ArrayList<>();
        state.values().stream().filter(w -> userIds.contains(w.socket().userId())).forEach(watchers::add);
        return watchers;
    }
}
