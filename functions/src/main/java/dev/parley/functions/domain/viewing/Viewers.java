package dev.parley.functions.domain.viewing;

import dev.parley.functions.domain.delivery.Recipient;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Port: the sockets viewing each conversation, kept under the conversation so that a large
 * conversation's fan-out reads its viewers, not every member's connections. Written by
 * {@code viewConversation} (one entry per socket, with the view's end as its TTL), read a page at a
 * time by the fan-out worker.
 *
 * <p>The DynamoDB adapter: the viewers table, partition = conversation, one item of about 120 bytes
 * per viewing socket; a page is one eventually consistent Query (300 viewers: about 5 read units).
 */
public interface Viewers {

    /** {@code socket} views {@code conversationId} until {@code until}: one PutItem. */
    void record(String conversationId, Recipient socket, Instant until);

    /** {@code connectionId} no longer views {@code conversationId}: one DeleteItem; no entry is not an error. */
    void forget(String conversationId, String connectionId);

    /**
     * Up to {@code limit} viewer entries of {@code conversationId} after the cursor {@code after}
     * (null: from the first), expired ones included (the caller compares {@link Viewer#until}).
     */
    Page page(String conversationId, String after, int limit);

    /** A viewing socket and when its view ends unless refreshed. */
    record Viewer(Recipient socket, Instant until) {
        public Viewer {
            Objects.requireNonNull(socket, "socket");
            Objects.requireNonNull(until, "until");
        }

        public boolean isViewing(Instant now) {
            return now.isBefore(until);
        }
    }

    /** @param next the cursor of the following page, null when this is the last */
    record Page(List<Viewer> viewers, String next) {
        public Page {
            viewers = List.copyOf(viewers);
        }
    }
}
