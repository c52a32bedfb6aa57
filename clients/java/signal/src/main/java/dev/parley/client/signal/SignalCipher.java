package dev.parley.client.signal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.ParleyException;
import dev.parley.client.cipher.MessageCipher;
import dev.parley.client.cipher.Opened;
import dev.parley.client.signal.media.MediaFiles;
import dev.parley.model.Limits;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.SendMessageReply;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * parley-client's {@link MessageCipher} over Signal (docs/e2ee.md#sending): direct chats send one
 * envelope per device of every member, the sender's other devices too ({@code signal-v1}); groups
 * send one sender-key ciphertext ({@code signal-senderkey-v1}) after distributing the key through
 * envelopes ({@link GroupSend}). A DEVICES_MISMATCH refusal is applied and the same
 * clientMessageId sent again, at most {@link #MAX_ATTEMPTS} times.
 */
public final class SignalCipher implements MessageCipher {
    public static final String SIGNAL_V1 = "signal-v1";
    public static final String SENDER_KEY_V1 = "signal-senderkey-v1";
    /** Sends of one message before a mismatch that keeps coming back makes the entry STUCK (DEVICES_MISMATCH). */
    public static final int MAX_ATTEMPTS = 4;
    /** What one frame's envelopes may take: API Gateway's frame less room for the other fields. */
    static final int ENVELOPE_BUDGET = Limits.MAX_FRAME_BYTES - 2048;

    private final E2eeClient e2ee;
    private final Recipients recipients;
    private final SenderKeys senderKeys;
    private final Opener opener;
    private final GroupSend groups;

    private final MediaFiles media;

    SignalCipher(E2eeClient e2ee, MediaFiles media) {
        this.e2ee = e2ee;
        this.media = media;
        this.senderKeys = new SenderKeys(e2ee.device());
        this.recipients = new Recipients(e2ee, senderKeys);
        this.opener = new Opener(e2ee.device(), senderKeys, e2ee.listener(), media);
        this.groups = new GroupSend(this, senderKeys, recipients);
    }

    @Override
    public CompletableFuture<Sent> send(Outgoing message, Transport transport) {
        if ("group".equals(message.conversation().summary().kind())) {
            return groups.send(message, transport);
        }
        ObjectNode fields = fields(message.conversation().summary().conversationId(), message.clientMessageId(), SIGNAL_V1);
        extras(fields, message);
        return sendEnvelopes(fields, null, Recipients.members(message), content(message), targets -> targets,
                transport, 1).thenApply(reply -> new Sent(reply, SIGNAL_V1));
    }

    @Override
    public Opened open(ObjectNode message) {
        return opener.open(message);
    }

    @Override
    public SealedFile sealFile(java.io.File plaintext, String contentType) throws java.io.IOException {
        return media.seal(plaintext, contentType);
    }

    /** The message's content; the keys of the files it names are kept here too (the sender's device downloads them). */
    byte[] content(Outgoing message) {
        byte[] content = Content.text(message.text(), message.mediaSecrets());
        Content.read(content).path("media").forEach(media::remember);
        return content;
    }

    SenderKeys senderKeys() {
        return senderKeys;
    }

    Recipients recipients() {
        return recipients;
    }

    /**
     * Seals {@code content} for the devices {@code select} picks among the members' devices and
     * sends it with {@code fields}; on DEVICES_MISMATCH applies the lists and seals again.
     *
     * @param distributionId for a sender-key distribution: its clientMessageId is derived from the
     *                       key and the devices addressed (null: {@code fields} has the message's own)
     */
    CompletableFuture<SendMessageReply> sendEnvelopes(ObjectNode fields, java.util.UUID distributionId, List<String> members,
                                                      byte[] content,
                                                      Function<List<KeyWire.Envelope>, List<KeyWire.Envelope>> select,
                                                      Transport transport, int attempt) {
        return recipients.ensure(members)
                .thenApplyAsync(ready -> {
                    ObjectNode frame = fields.deepCopy();
                    ArrayNode envelopes = envelopes(select.apply(recipients.targets(members)), content);
                    frame.set("envelopes", envelopes);
                    if (distributionId != null) {
                        frame.put("clientMessageId", GroupSend.distributionId(distributionId, envelopes));
                    }
                    return frame;
                }, e2ee.crypto())
                .thenCompose(transport::send)
                .handle((reply, error) -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(reply);
                    }
                    Throwable cause = ParleyException.unwrap(error);
                    if (!(cause instanceof ParleyException.ServerError refused)
                            || !Recipients.DEVICES_MISMATCH.equals(refused.codeName())) {
                        return SignalCipher.<SendMessageReply>failed(cause);
                    }
                    if (attempt >= MAX_ATTEMPTS) {
                        throw new Refused(Recipients.DEVICES_MISMATCH, "the device set still did not match after "
                                + attempt + " sends: " + refused.details(), refused);
                    }
                    return recipients.apply(refused).thenCompose(applied ->
                            sendEnvelopes(fields, distributionId, members, content, select, transport, attempt + 1));
                })
                .thenCompose(next -> next);
    }

    /** One envelope per target, encrypted now (a new ciphertext per attempt: ratchets only move forward). */
    ArrayNode envelopes(List<KeyWire.Envelope> targets, byte[] content) {
        Map<String, List<Integer>> byUser = new LinkedHashMap<>();
        targets.forEach(target -> byUser.computeIfAbsent(target.userId(), u -> new ArrayList<>()).add(target.deviceNum()));
        ArrayNode envelopes = ProtocolCodec.instance().mapper().createArrayNode();
        for (Map.Entry<String, List<Integer>> user : byUser.entrySet()) {
            try {
                for (KeyWire.Envelope envelope : e2ee.device().encrypt(user.getKey(), user.getValue(), content)) {
                    envelopes.add(ProtocolCodec.instance().mapper().valueToTree(envelope));
                }
            } catch (E2eeException.EncryptionFailed failed) {
                throw new CompletionException(new Refused(failed.reason().name(), failed.getMessage(), failed));
            }
        }
        return envelopes;
    }

    static ObjectNode fields(String conversationId, String clientMessageId, String alg) {
        ObjectNode fields = ProtocolCodec.instance().mapper().createObjectNode();
        fields.put("conversationId", conversationId);
        fields.put("clientMessageId", clientMessageId);
        fields.put("alg", alg);
        return fields;
    }

    static void extras(ObjectNode fields, Outgoing message) {
        if (message.replyToSeq() != null) {
            fields.put("replyToSeq", message.replyToSeq());
        }
        if (message.media() != null && !message.media().isEmpty()) {
            ArrayNode media = fields.putArray("media");
            message.media().forEach(media::add);
        }
    }

    /** CompletableFuture.failedFuture, which Android's API 26 lacks. */
    static <T> CompletableFuture<T> failed(Throwable cause) {
        CompletableFuture<T> failed = new CompletableFuture<>();
        failed.completeExceptionally(cause);
        return failed;
    }

    static int size(Object json) {
        return json.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
