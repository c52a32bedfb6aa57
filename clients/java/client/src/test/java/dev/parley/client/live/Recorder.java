package dev.parley.client.live;

import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyListener;
import dev.parley.client.store.OutboxEntry;
import dev.parley.model.v1.ConversationActivityEvent;
import dev.parley.model.v1.ConversationEvent;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.ReceiptEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Everything a client told the app, in order, for the tests to wait on and check. */
final class Recorder implements ParleyListener, Consumer<ConnectionState> {
    final List<MessageEvent> messages = new CopyOnWriteArrayList<>();
    final List<String> outbox = new CopyOnWriteArrayList<>();
    final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    final List<ReceiptEvent> receipts = new CopyOnWriteArrayList<>();
    final List<ConversationEvent> conversations = new CopyOnWriteArrayList<>();
    final List<ConversationActivityEvent> activity = new CopyOnWriteArrayList<>();

    @Override
    public void onConversation(ConversationEvent event) {
        conversations.add(event);
    }

    @Override
    public void onConversationActivity(ConversationActivityEvent event) {
        activity.add(event);
    }

    @Override
    public void onReceipt(ReceiptEvent receipt) {
        receipts.add(receipt);
    }

    @Override
    public void onMessage(MessageEvent message) {
        messages.add(message);
    }

    @Override
    public void onOutboxChanged(OutboxEntry entry, OutboxChange change) {
        outbox.add(change + " " + entry.clientMessageId());
    }

    @Override
    public void accept(ConnectionState state) {
        states.add(state);
    }

    List<MessageEvent> in(String conversationId) {
        List<MessageEvent> found = new ArrayList<>();
        for (MessageEvent message : messages) {
            if (message.conversationId().equals(conversationId)) {
                found.add(message);
            }
        }
        return found;
    }

    long count(String outboxLine) {
        return outbox.stream().filter(outboxLine::equals).count();
    }
}
