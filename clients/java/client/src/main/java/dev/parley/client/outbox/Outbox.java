package dev.parley.client.outbox;

import dev.parley.client.Members;
import dev.parley.client.ParleyApi;
import dev.parley.client.ParleyException;
import dev.parley.client.ParleyListener;
import dev.parley.client.ParleyListener.OutboxChange;
import dev.parley.client.cipher.MessageCipher;
import dev.parley.client.store.StoredConversation;
import dev.parley.client.connection.Backoff;
import dev.parley.client.store.OutboxEntry;
import dev.parley.client.store.ParleyStore;
import dev.parley.client.store.Attachment;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.MediaDescriptor;
import dev.parley.model.v1.MediaFailedEvent;
import dev.parley.model.v1.MediaReadyEvent;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.SendMessageReply;
import okhttp3.OkHttpClient;
import dev.parley.model.v1.SendMessageRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The persistent send queue, keeping the protocol's exactly-once contract
 * (docs/protocol.md#exactly-once-the-clients-contract): a message is on disk with its
 * {@code clientMessageId} before the first attempt; it is sent only after the connect's sync
 * (which reconciles entries the server already stored); it is retried with the same id after a
 * lost answer or a retryable error; it leaves the outbox when its reply, or the message itself
 * through sync, is seen. One send in flight per conversation keeps each conversation's order.
 * A refusal a retry cannot fix makes the entry STUCK with its reason; it does not block the
 * entries after it. Runs on the {@code worker} thread.
 */
public final class Outbox {
    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    private final ParleyApi api;
    private final ParleyStore store;
    private final ParleyListener out;
    private final ScheduledExecutorService worker;
    private final Backoff retryBackoff;
    private final String userId;
    private final String deviceId;
    private final Stored stored;
    private final MediaUpload media;
    private final Members members;
    private final Set<String> inFlight = new HashSet<>();
    /**
     * Each large E2EE group's member list with its membership epoch, in memory only (a restarted client lists
     * once more): kept until a send naming the epoch is refused with CONFLICT, i.e. until the membership changed.
     */
    private final Map<String, Members.Listed> listedMembers = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Supplier<MessageCipher> cipher = () -> MessageCipher.NONE;

    /** The sender-key form's alg (docs/protocol/e2ee.md), the one send that names a membership epoch. */
    private static final String SENDER_KEY_ALG = "signal-senderkey-v1";

    private boolean ready;
    private int epoch;
    private int failures;

    /** Receives the message each successful send stored, so that the store holds it, and whom it reached live. */
    public interface Stored {
        void stored(MessageEvent message, List<String> deliveredTo);
    }

    public Outbox(ParleyApi api, ParleyStore store, ParleyListener out, ScheduledExecutorService worker, Backoff retryBackoff,
                  String userId, String deviceId, Stored stored, OkHttpClient http, long mediaReadyTimeoutMillis) {
        this.media = new MediaUpload(api, http, worker, mediaReadyTimeoutMillis);
        this.members = new Members(api);
        this.api = api;
        this.store = store;
        this.out = out;
        this.worker = worker;
        this.retryBackoff = retryBackoff;
        this.userId = userId;
        this.deviceId = deviceId;
        this.stored = stored;
    }

    /** Where entries of E2EE conversations are sealed (parley-client-signal sets it). */
    public void cipher(Supplier<MessageCipher> cipher) {
        this.cipher = cipher;
    }

    /** The text of this device's outbox entry with that clientMessageId, while it is there (plaintext stays on the device). */
    public Optional<String> text(String clientMessageId) {
        return store.outbox().stream().filter(e -> e.clientMessageId().equals(clientMessageId)).findFirst()
                .map(e -> e.text() == null ? "" : e.text());
    }

    /** Queues a message (durably, on the caller's thread) and returns it for the app's local echo. */
    public OutboxEntry enqueue(String conversationId, String text, Long replyToSeq, List<String> media, Attachment attachment) {
        OutboxEntry entry = store.enqueue(UUID.randomUUID().toString(), conversationId, text, replyToSeq, media, attachment,
                System.currentTimeMillis());
        out.onOutboxChanged(entry, OutboxChange.ADDED);
        worker.execute(this::drain);
        return entry;
    }

    /** The connect's first sync completed: the outbox is reconciled and may send. */
    public void synced() {
        worker.execute(() -> {
            ready = true;
            drain();
        });
    }

    public void disconnected() {
        worker.execute(() -> {
            ready = false;
            epoch++;
            inFlight.clear();
        });
    }

    /** A message the store holds: when it is one of this device's outbox entries, the server has it. */
    public void held(MessageEvent message) {
        if (deviceId.equals(message.senderDeviceId()) && store.removeFromOutbox(message.clientMessageId())) {
            out.onOutboxChanged(entryFor(message), OutboxChange.SENT);
        }
    }

    public void mediaReady(MediaReadyEvent event) {
        media.ready(event);
    }

    public void mediaFailed(MediaFailedEvent event) {
        media.failed(event);
    }

    /** Puts a stuck entry back in line (after the app fixed what it was stuck on). */
    public void retry(String clientMessageId) {
        worker.execute(() -> {
            store.setStuck(clientMessageId, null);
            drain();
        });
    }

    /** Drops an entry the app gave up on (a stuck one, typically). An entry being sent may still arrive. */
    public void discard(String clientMessageId) {
        worker.execute(() -> store.outbox().stream().filter(e -> e.clientMessageId().equals(clientMessageId)).findFirst()
                .ifPresent(entry -> {
                    store.removeFromOutbox(clientMessageId);
                    out.onOutboxChanged(entry, OutboxChange.DISCARDED);
                }));
    }

    private void drain() {
        if (!ready) {
            return;
        }
        Set<String> headsSeen = new HashSet<>();
        for (OutboxEntry entry : store.outbox()) {
            if (entry.status() == OutboxEntry.Status.PENDING && headsSeen.add(entry.conversationId())
                    && !inFlight.contains(entry.conversationId())) {
                send(entry);
            }
        }
    }

    /**
     * The entry's upload first when it has a file (redone from the start after a failure or a new
     * connection: the old media id's upload is left to the bucket's lifecycle rule), then the send.
     */
    private void send(OutboxEntry entry) {
        inFlight.add(entry.conversationId());
        int mine = epoch;
        Optional<StoredConversation> e2ee = store.conversation(entry.conversationId()).filter(c -> c.summary().e2ee());
        Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();
        CompletableFuture<List<MediaDescriptor>> uploaded = entry.attachment() == null
                ? CompletableFuture.completedFuture(List.of())
                : e2ee.isPresent() ? sealedUpload(entry, secrets)
                : media.upload(entry.conversationId(), entry.attachment(), false).thenApply(List::of);
        uploaded.thenCompose(descriptors -> {
            List<String> ids = new ArrayList<>(entry.media());
            descriptors.forEach(descriptor -> ids.add(descriptor.mediaId()));
            if (e2ee.isPresent()) {
                // Sealed per attempt: the store keeps only the plaintext entry, the ciphertext is made anew each time.
                return everyMember(e2ee.get()).thenCompose(listed -> cipher.get().send(new MessageCipher.Outgoing(
                                listed.getKey(), entry.clientMessageId(), entry.text(), entry.replyToSeq(),
                                ids.isEmpty() ? null : List.copyOf(ids), secrets), fields -> api.sendMessage(
                                        namingEpoch(fields, listed.getValue()))))
                        .thenApply(sealed -> Map.entry(sealed, descriptors));
            }
            return api.sendMessage(new SendMessageRequest(entry.conversationId(), entry.clientMessageId(), entry.text(), null,
                    null, entry.replyToSeq(), ids.isEmpty() ? null : ids))
                    .thenApply(reply -> Map.entry(new MessageCipher.Sent(reply, null), descriptors));
        }).whenCompleteAsync((sent, error) -> {
            if (mine != epoch) {
                return; // that socket is gone; the next connect's sync and drain take over
            }
            inFlight.remove(entry.conversationId());
            if (error == null) {
                failures = 0;
                SendMessageReply reply = sent.getKey().reply();
                // Held first, then removed: a crash in between leaves a retry the server dedupes.
                stored.stored(new MessageEvent(entry.conversationId(), reply.seq(), userId, deviceId, reply.sentAt(),
                        entry.clientMessageId(), entry.text(), null, sent.getKey().alg(), entry.replyToSeq(),
                        sent.getValue().isEmpty() ? null : sent.getValue()), reply.deliveredTo());
                drain();
                return;
            }
            Throwable cause = ParleyException.unwrap(error);
            if (membersChanged(cause) && listedMembers.remove(entry.conversationId()) != null && failures == 0) {
                // The group's membership changed since the cached list: list again and resend at once, same clientMessageId.
                failures++;
                drain();
                return;
            }
            OutboxEntry.Stuck reason = null;
            if (cause instanceof ParleyException.ServerError refused && !refused.retryable() && !membersChanged(cause)) {
                reason = new OutboxEntry.Stuck(refused.code(), refused.codeName(), refused.serverMessage());
            } else if (cause instanceof MediaUpload.MediaRefused refused) {
                reason = new OutboxEntry.Stuck(null, refused.code, refused.getMessage());
            } else if (cause instanceof MessageCipher.Refused refused) {
                reason = new OutboxEntry.Stuck(ParleyException.ServerError.codeOf(refused.code()), refused.code(),
                        refused.getMessage());
            }
            if (reason != null) {
                store.setStuck(entry.clientMessageId(), reason);
                out.onOutboxChanged(entry.withStuck(reason), OutboxChange.STUCK);
                drain();
                return;
            }
            long delay = retryBackoff.delayMillis(++failures);
            LOG.info("send of " + entry.clientMessageId() + " failed (" + cause + "); retrying in " + delay + " ms");
            worker.schedule(this::drain, delay, TimeUnit.MILLISECONDS);
        }, worker);
    }

    /**
     * The conversation with every member listed, as the cipher needs them, and the membership epoch the list
     * belongs to (null: not a large group, or a server without epochs). A large group's sync lists none and no
     * event tells its members of an add or a removal (docs/protocol.md#addmembers), so its members are read with
     * listMembers once and kept with their epoch until a send naming it is refused (docs/protocol/e2ee.md, Large groups).
     */
    private CompletableFuture<Map.Entry<StoredConversation, Optional<Long>>> everyMember(StoredConversation conversation) {
        if (!ConversationSummary.LARGE.equals(conversation.summary().tier())) {
            return CompletableFuture.completedFuture(Map.entry(conversation, Optional.empty()));
        }
        String id = conversation.conversationId();
        Members.Listed cached = listedMembers.get(id);
        CompletableFuture<Members.Listed> listed = cached != null ? CompletableFuture.completedFuture(cached)
                : members.listed(id).thenApply(fresh -> {
                    if (fresh.membersEpoch() != null) {
                        listedMembers.put(id, fresh);
                    }
                    return fresh;
                });
        return listed.thenApply(list -> Map.entry(new StoredConversation(conversation.summary(), list.userIds(),
                conversation.readSeq(), conversation.deliveredSeq(), conversation.muted()), Optional.ofNullable(list.membersEpoch())));
    }

    /** A sender-key send names the epoch of the member list its key went to; the pairwise batches are checked device by device. */
    private static com.fasterxml.jackson.databind.node.ObjectNode namingEpoch(com.fasterxml.jackson.databind.node.ObjectNode fields,
                                                                            Optional<Long> membersEpoch) {
        if (!membersEpoch.isPresent() || !SENDER_KEY_ALG.equals(fields.path("alg").asText())) {
            return fields;
        }
        com.fasterxml.jackson.databind.node.ObjectNode named = fields.deepCopy();
        named.put("membersEpoch", membersEpoch.get());
        return named;
    }

    /** The server refused a sender-key send because the group's membership changed since the list it was addressed to. */
    private static boolean membersChanged(Throwable cause) {
        return cause instanceof ParleyException.ServerError refused && refused.code() == dev.parley.model.ErrorCode.CONFLICT
                && refused.details() != null && refused.details().has("membersEpoch");
    }

    /**
     * An E2EE conversation's file: encrypted by the cipher (off the worker: a large file takes a
     * while), the encrypted copy uploaded as it is and then deleted; its secret (the key) goes
     * into the message, never to the server in the clear.
     */
    private CompletableFuture<List<MediaDescriptor>> sealedUpload(OutboxEntry entry, Map<String, String> secrets) {
        java.io.File file = new java.io.File(entry.attachment().path());
        MessageCipher sealer = cipher.get();
        return CompletableFuture.supplyAsync(() -> {
            if (!file.isFile()) {
                throw new MediaUpload.MediaRefused("FILE_MISSING", "the file " + file + " is no longer there");
            }
            try {
                return sealer.sealFile(file, entry.attachment().contentType());
            } catch (java.io.IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }).thenCompose(sealed -> media.upload(entry.conversationId(),
                        new Attachment(sealed.blob().getAbsolutePath(), "application/octet-stream"), true)
                .whenComplete((descriptor, error) -> sealed.blob().delete())
                .thenApply(descriptor -> {
                    secrets.put(descriptor.mediaId(), sealed.secret());
                    return List.of(descriptor);
                }));
    }

    private OutboxEntry entryFor(MessageEvent message) {
        return new OutboxEntry(0, message.clientMessageId(), message.conversationId(), message.text(), message.replyToSeq(),
                List.of(), null, message.sentAt(), OutboxEntry.Status.PENDING, null);
    }
}
