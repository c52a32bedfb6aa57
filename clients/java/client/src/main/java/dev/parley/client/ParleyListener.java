package dev.parley.client;

import dev.parley.client.store.OutboxEntry;
import dev.parley.model.v1.ConversationActivityEvent;
import dev.parley.model.v1.ConversationEvent;
import dev.parley.model.v1.MediaFailedEvent;
import dev.parley.model.v1.MediaReadyEvent;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.PresenceInfo;
import dev.parley.model.v1.ReceiptEvent;
import dev.parley.model.v1.TypingEvent;

/**
 * What the app hears about. Every method has a default that ignores it; override what you show.
 * Called on the SDK's threads (never the caller's): an Android app posts to its main thread.
 * A listener that throws is logged and does not stop the others.
 */
public interface ParleyListener {

    /**
     * A message newly held by this device, from a live event or from sync, exactly once per
     * (conversationId, seq), the user's own sends included once the server stored them.
     */
    default void onMessage(MessageEvent message) {
    }

    /** The outbox changed: an entry was added (local echo), got stuck, or left it (stored or discarded). */
    default void onOutboxChanged(OutboxEntry entry, OutboxChange change) {
    }

    /**
     * A conversation event (docs/protocol.md#conversation). For {@code roleChanged} and
     * {@code settingsChanged}, which carry no summary, it comes once the store holds the summary
     * the SDK fetched for them (role, title, post policy as they are now).
     */
    default void onConversation(ConversationEvent event) {
    }

    default void onReceipt(ReceiptEvent event) {
    }

    /**
     * A large conversation the device does not view got new messages (at most one per 30 s; a
     * hint, not every message): the store's {@code lastSeq} for it has already moved up to
     * {@code event.seq()}. Show it unread ({@code seq - readSeq}, or {@code unreadHint}) and let
     * sync or history fetch the messages when the user opens it (docs/protocol/live.md).
     */
    default void onConversationActivity(ConversationActivityEvent event) {
    }

    default void onTyping(TypingEvent event) {
    }

    default void onPresence(PresenceInfo event) {
    }

    default void onMediaReady(MediaReadyEvent event) {
    }

    default void onMediaFailed(MediaFailedEvent event) {
    }

    /** A sync ended with the device up to date with the server. */
    default void onSynced() {
    }

    /**
     * An event whose type this SDK does not handle itself (e.g. {@code keysLow},
     * {@code devicesChanged}, read by parley-client-signal), with its fields minus {@code type}.
     * Ignoring it is what the protocol asks of a client that does not know the type.
     */
    default void onOtherEvent(String type, com.fasterxml.jackson.databind.node.ObjectNode payload) {
    }

    enum OutboxChange {
        /** Enqueued: show it as "sending". */
        ADDED,
        /** The server refused it for good; {@link OutboxEntry#stuck()} says why. */
        STUCK,
        /** Stored by the server: it is now a message with a seq (and {@link #onMessage} had it). */
        SENT,
        /** The app discarded it. */
        DISCARDED
    }
}
