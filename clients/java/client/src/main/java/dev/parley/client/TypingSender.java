package dev.parley.client;

import dev.parley.model.Limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What this user sends about typing, as the web client does (clients/web/src/app/typing.js):
 * {@code typing} at most every half of TYPING_EXPIRES_MS (3 s) while the user types, and
 * {@code stopped} once when they send, leave or clear the line. Nothing is sent while offline:
 * typing is ephemeral.
 */
final class TypingSender {
    private static final Logger LOG = Logger.getLogger(TypingSender.class.getName());
    static final long REFRESH_MILLIS = Limits.TYPING_EXPIRES_MS / 2;

    private final ParleyApi api;
    private final BooleanSupplier connected;
    private final LongSupplier clock;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

    TypingSender(ParleyApi api, BooleanSupplier connected, LongSupplier clock) {
        this.api = api;
        this.connected = connected;
        this.clock = clock;
    }

    void typing(String conversationId, boolean active) {
        if (conversationId == null || !connected.getAsBoolean()) {
            return;
        }
        Long last = sentAt.get(conversationId);
        long now = clock.getAsLong();
        if (active && (last == null || now - last >= REFRESH_MILLIS)) {
            sentAt.put(conversationId, now);
            send(conversationId, "typing");
        } else if (!active && last != null) {
            sentAt.remove(conversationId);
            send(conversationId, "stopped");
        }
    }

    private void send(String conversationId, String state) {
        api.typing(conversationId, state).whenComplete((reply, error) -> {
            if (error != null) {
                LOG.log(Level.FINE, "typing " + state + " for " + conversationId + " not sent", error);
            }
        });
    }
}
