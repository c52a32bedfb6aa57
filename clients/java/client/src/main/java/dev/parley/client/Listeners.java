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

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The app's listeners as one: each call reaches all of them, and one that throws does not stop the rest. */
final class Listeners implements ParleyListener {
    private static final Logger LOG = Logger.getLogger(Listeners.class.getName());
    private final CopyOnWriteArrayList<ParleyListener> all = new CopyOnWriteArrayList<>();

    void add(ParleyListener listener) {
        all.add(listener);
    }

    void remove(ParleyListener listener) {
        all.remove(listener);
    }

    private void each(Consumer<ParleyListener> call) {
        for (ParleyListener listener : all) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a Parley listener failed", e);
            }
        }
    }

    @Override
    public void onMessage(MessageEvent message) {
        each(l -> l.onMessage(message));
    }

    @Override
    public void onOutboxChanged(OutboxEntry entry, OutboxChange change) {
        each(l -> l.onOutboxChanged(entry, change));
    }

    @Override
    public void onConversation(ConversationEvent event) {
        each(l -> l.onConversation(event));
    }

    @Override
    public void onReceipt(ReceiptEvent event) {
        each(l -> l.onReceipt(event));
    }

    @Override
    public void onConversationActivity(ConversationActivityEvent event) {
        each(l -> l.onConversationActivity(event));
    }

    @Override
    public void onTyping(TypingEvent event) {
        each(l -> l.onTyping(event));
    }

    @Override
    public void onPresence(PresenceInfo event) {
        each(l -> l.onPresence(event));
    }

    @Override
    public void onMediaReady(MediaReadyEvent event) {
        each(l -> l.onMediaReady(event));
    }

    @Override
    public void onMediaFailed(MediaFailedEvent event) {
        each(l -> l.onMediaFailed(event));
    }

    @Override
    public void onSynced() {
        each(ParleyListener::onSynced);
    }

    @Override
    public void onOtherEvent(String type, com.fasterxml.jackson.databind.node.ObjectNode payload) {
        each(l -> l.onOtherEvent(type, payload.deepCopy()));
    }
}
