package dev.parley.client.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.ParleyApi;
import dev.parley.client.store.ParleyStore;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.HistoryReply;
import dev.parley.model.v1.HistoryRequest;
import dev.parley.model.v1.MessageEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * History pages as the app should see them: a message the device holds comes from the store (an
 * E2EE ciphertext decrypts only once); one it does not hold is opened and kept, so the next page
 * over it needs no decryption. Skipped and undecryptable messages are left out of the page.
 */
public final class History {
    private final ParleyApi api;
    private final ParleyStore store;
    private final Inbound inbound;
    private final ExecutorService worker;

    public History(ParleyApi api, ParleyStore store, Inbound inbound, ExecutorService worker) {
        this.api = api;
        this.store = store;
        this.inbound = inbound;
        this.worker = worker;
    }

    public CompletableFuture<HistoryReply> page(String conversationId, Long beforeSeq, Integer limit) {
        return api.request(Actions.HISTORY, new HistoryRequest(conversationId, beforeSeq, limit), ObjectNode.class)
                .thenApplyAsync(raw -> {
                    HistoryReply reply;
                    try {
                        reply = ProtocolCodec.instance().mapper().treeToValue(raw, HistoryReply.class);
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                    List<MessageEvent> messages = reply.messages() == null ? List.of() : reply.messages();
                    JsonNode rawMessages = raw.path("messages");
                    List<MessageEvent> shown = new ArrayList<>(messages.size());
                    for (int i = 0; i < messages.size(); i++) {
                        MessageEvent message = messages.get(i);
                        Optional<MessageEvent> held = store.messages(conversationId, message.seq() - 1, 1).stream()
                                .filter(m -> m.seq() == message.seq()).findFirst();
                        if (held.isPresent()) {
                            shown.add(held.get());
                            continue;
                        }
                        inbound.open(message, rawMessages.path(i) instanceof ObjectNode node ? node : null).ifPresent(open -> {
                            if (open.alg() != null) {
                                store.putMessage(open);
                            }
                            shown.add(open);
                        });
                    }
                    return new HistoryReply(reply.conversationId(), shown, reply.hasMore());
                }, worker);
    }
}
