package dev.parley.functions.domain.viewing;

import dev.parley.functions.domain.delivery.Recipient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The sockets of a fan-out, split by whether they view the conversation now: the viewing ones get
 * every message live, the others at most one {@code conversationActivity} per activity round
 * ({@link ConversationActivity}).
 */
public record Audience(List<Recipient> viewing, List<Watcher> elsewhere) {

    public Audience {
        viewing = List.copyOf(viewing);
        elsewhere = List.copyOf(elsewhere);
    }

    /** Splits {@code watchers} at {@code now}: a view whose TTL has passed counts as not viewing. */
    public static Audience of(String conversationId, List<Watcher> watchers, Instant now) {
        List<Recipient> viewing = new ArrayList<>();
        List<Watcher> elsewhere = new ArrayList<>();
        for (Watcher watcher : watchers) {
            if (watcher.isViewing(conversationId, now)) {
                viewing.add(watcher.socket());
            } else {
                elsewhere.add(watcher);
            }
        }
        return new Audience(viewing, elsewhere);
    }
}
