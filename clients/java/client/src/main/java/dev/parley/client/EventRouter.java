package dev.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.connection.PendingRequests;
import dev.parley.client.sync.SyncEngine;
import dev.parley.model.ErrorCode;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ConversationActivityEvent;
import dev.parley.model.v1.ConversationEvent;
import dev.parley.model.v1.MediaFailedEvent;
import dev.parley.model.v1.MediaReadyEvent;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.PresenceInfo;
import dev.parley.model.v1.ReceiptEvent;
import dev.parley.model.v1.TypingEvent;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads each server frame: replies and errors complete their request; events go to the sync
 * engine (messages, receipts, conversations) or straight to the app. A frame that cannot be read
 * is logged and skipped, never thrown: one bad frame must not take the connection down.
 */
final class EventRouter {
    private static final Logger LOG = Logger.getLogger(EventRouter.class.getName());
    private static final ObjectMapper JSON = ProtocolCodec.instance().mapper();

    private final PendingRequests pending;
    private final SyncEngine sync;
    private final ParleyListener out;
    private volatile int skipped;

    EventRouter(PendingRequests pending, SyncEngine sync, ParleyListener out) {
        this.pending = pending;
        this.sync = sync;
        this.out = out;
    }

    /** Frames skipped as unreadable so far (for tests and diagnostics). */
    int skipped() {
        return skipped;
    }

    void onText(String text) {
        try {
            route(text);
        } catch (RuntimeException e) {
            skip("a frame could not be handled: " + abbreviate(text), e);
        }
    }

    private void route(String text) throws RuntimeException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (Exception e) {
            skip("a frame that is not JSON: " + abbreviate(text), null);
            return;
        }
        if (!(node instanceof ObjectNode frame) || !frame.path("type").isTextual()) {
            // API Gateway's own frames ({"message": "Internal server error", ...}) carry its requestId, not ours:
            // the request they answer times out and, if it was a send, is retried with its clientMessageId.
            skip("a frame without a type: " + abbreviate(text), null);
            return;
        }
        String type = frame.get("type").asText();
        String requestId = frame.path("requestId").isTextual() ? frame.get("requestId").asText() : null;
        ObjectNode payload = frame.deepCopy();
        payload.remove("type");
        switch (type) {
            case "reply" -> {
                payload.remove("requestId");
                if (requestId == null || !pending.reply(requestId, payload)) {
                    LOG.fine("a reply nobody waits for (timed out?): " + requestId);
                }
            }
            case "error" -> {
                String codeName = frame.path("code").asText("");
                ErrorCode code = ParleyException.ServerError.codeOf(codeName);
                ParleyException.ServerError error = new ParleyException.ServerError(requestId, code, codeName,
                        frame.path("message").asText(""),
                        frame.get("details") instanceof ObjectNode details ? details : null);
                if (requestId == null || !pending.fail(requestId, error)) {
                    LOG.warning("a server error no request waits for: " + error.getMessage());
                }
            }
            case Actions.MESSAGE_EVENT -> {
                MessageEvent message = read(payload, MessageEvent.class, text);
                if (message != null) {
                    sync.liveMessage(message, payload);
                }
            }
            case Actions.RECEIPT_EVENT -> {
                ReceiptEvent receipt = read(payload, ReceiptEvent.class, text);
                if (receipt != null) {
                    sync.receipt(receipt);
                }
            }
            case Actions.CONVERSATION_EVENT -> {
                ConversationEvent event = read(payload, ConversationEvent.class, text);
                if (event != null) {
                    sync.conversationEvent(event);
                }
            }
            case Actions.CONVERSATION_ACTIVITY_EVENT ->
                    deliver(payload, ConversationActivityEvent.class, text, sync::activity);
            case Actions.TYPING_EVENT -> deliver(payload, TypingEvent.class, text, out::onTyping);
            case Actions.PRESENCE_EVENT -> deliver(payload, PresenceInfo.class, text, out::onPresence);
            case Actions.MEDIA_READY_EVENT -> deliver(payload, MediaReadyEvent.class, text, out::onMediaReady);
            case Actions.MEDIA_FAILED_EVENT -> deliver(payload, MediaFailedEvent.class, text, out::onMediaFailed);
            default -> {
                LOG.fine("an event type the core SDK does not handle, passed to onOtherEvent: " + type);
                out.onOtherEvent(type, payload);
            }
        }
    }

    private <T> void deliver(ObjectNode payload, Class<T> type, String text, java.util.function.Consumer<T> to) {
        T event = read(payload, type, text);
        if (event != null) {
            to.accept(event);
        }
    }

    private <T> T read(ObjectNode payload, Class<T> type, String text) {
        try {
            T event = JSON.treeToValue(payload, type);
            if (event instanceof MessageEvent m && (m.conversationId() == null || m.seq() < 1)) {
                skip("a message event without conversationId or seq: " + abbreviate(text), null);
                return null;
            }
            return event;
        } catch (Exception e) {
            skip("a malformed " + type.getSimpleName() + ": " + abbreviate(text), e);
            return null;
        }
    }

    private void skip(String what, Throwable cause) {
        skipped++;
        LOG.log(Level.WARNING, "skipped " + what, cause);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
