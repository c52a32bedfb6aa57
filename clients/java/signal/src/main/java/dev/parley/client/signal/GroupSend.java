package dev.parley.client.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.cipher.MessageCipher;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.SendMessageReply;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A group send (docs/e2ee.md#groups-sender-keys): first the conversation's current sender key
 * to every member device that does not hold it yet, through envelopes ({@code signal-v1}); then
 * the message once, encrypted with the sender key ({@code signal-senderkey-v1}). The first
 * distribution of a key goes in one frame without {@code partial} when it fits, so the server's
 * missing list names devices this device did not know; later ones (new devices) and large groups
 * go in frame-sized batches with {@code partial: true}, as does every distribution in a large group
 * (docs/protocol/e2ee.md#large-groups), whose server refuses a whole-set pairwise send. A large
 * group's members come from the outbox, which pages them with listMembers and lists again after a
 * membership change (the server refuses a send under an old membership epoch): its sync lists
 * none, and nobody is told of its adds and removals, so a holder no longer listed makes
 * a new key ({@link SenderKeys#current}) and a member never seen before gets the current one.
 */
final class GroupSend {
    /** Envelopes a batch holds at most when their size is not known yet (a first message carries the Kyber ciphertext). */
    static final int ENVELOPE_BYTES_ESTIMATE = 2600;

    private final SignalCipher cipher;
    private final SenderKeys senderKeys;
    private final Recipients recipients;

    GroupSend(SignalCipher cipher, SenderKeys senderKeys, Recipients recipients) {
        this.cipher = cipher;
        this.senderKeys = senderKeys;
        this.recipients = recipients;
    }

    CompletableFuture<MessageCipher.Sent> send(MessageCipher.Outgoing message, MessageCipher.Transport transport) {
        String conversationId = message.conversation().summary().conversationId();
        List<String> members = Recipients.members(message);
        return recipients.ensure(members).thenCompose(ready -> {
            SenderKeys.Current current = senderKeys.current(conversationId, members);
            boolean large = ConversationSummary.LARGE.equals(message.conversation().summary().tier());
            return distribute(conversationId, members, current, large, transport).thenCompose(done -> {
                ObjectNode fields = SignalCipher.fields(conversationId, message.clientMessageId(), SignalCipher.SENDER_KEY_V1);
                try {
                    fields.put("ciphertext", Base64.getEncoder().encodeToString(
                            senderKeys.encrypt(current.distributionId(), cipher.content(message))));
                } catch (E2eeException.EncryptionFailed failed) {
                    return SignalCipher.<SendMessageReply>failed(new MessageCipher.Refused(failed.reason().name(),
                            failed.getMessage(), failed));
                }
                SignalCipher.extras(fields, message);
                return transport.send(fields);
            }).thenApply(reply -> new MessageCipher.Sent(reply, SignalCipher.SENDER_KEY_V1));
        });
    }

    /** Sends the current key to the member devices without it; completes when all of them have it. */
    /** @param large a large group, where the server takes pairwise envelopes only in {@code partial} batches */
    private CompletableFuture<Void> distribute(String conversationId, List<String> members, SenderKeys.Current current,
                                               boolean large, MessageCipher.Transport transport) {
        List<KeyWire.Envelope> need = without(recipients.targets(members), current.holders());
        if (need.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        UUID distributionId = current.distributionId();
        byte[] content = Content.senderKey(distributionId, senderKeys.distributionMessage(distributionId));
        int perBatch = Math.max(1, SignalCipher.ENVELOPE_BUDGET / ENVELOPE_BYTES_ESTIMATE);
        if (!large && current.holders().isEmpty() && need.size() <= perBatch) {
            // The whole set in one checked send: DEVICES_MISMATCH names the member devices this one missed.
            return batch(conversationId, members, current, content, false, targets -> targets, transport);
        }
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (int from = 0; from < need.size(); from += perBatch) {
            Set<String> picked = keys(need.subList(from, Math.min(need.size(), from + perBatch)));
            all = all.thenCompose(done -> batch(conversationId, members, current, content, true,
                    targets -> targets.stream().filter(t -> picked.contains(key(t))).collect(java.util.stream.Collectors.toList()), transport));
        }
        return all;
    }

    private CompletableFuture<Void> batch(String conversationId, List<String> members, SenderKeys.Current current, byte[] content,
                                          boolean partial, Function<List<KeyWire.Envelope>, List<KeyWire.Envelope>> select,
                                          MessageCipher.Transport transport) {
        List<String> sentTo = new ArrayList<>();
        Function<List<KeyWire.Envelope>, List<KeyWire.Envelope>> recording = targets -> {
            List<KeyWire.Envelope> chosen = select.apply(targets);
            sentTo.clear();
            chosen.forEach(t -> sentTo.add(key(t)));
            return chosen;
        };
        // The id names the key and the devices: a retry after a lost reply is the same message to the server.
        ObjectNode fields = SignalCipher.fields(conversationId, null, SignalCipher.SIGNAL_V1);
        if (partial) {
            fields.put("partial", true);
        }
        return cipher.sendEnvelopes(fields, current.distributionId(), members, content, recording, transport, 1).thenAccept(reply -> senderKeys.distributed(conversationId, current.distributionId(),
                new HashSet<>(sentTo)));
    }

    private static List<KeyWire.Envelope> without(List<KeyWire.Envelope> targets, Set<String> holders) {
        return targets.stream().filter(t -> !holders.contains(key(t))).collect(java.util.stream.Collectors.toList());
    }

    private static Set<String> keys(List<KeyWire.Envelope> targets) {
        Set<String> keys = new HashSet<>();
        targets.forEach(t -> keys.add(key(t)));
        return keys;
    }

    static String key(KeyWire.Envelope target) {
        return target.userId() + "." + target.deviceNum();
    }

    /** The distribution's clientMessageId, derived from the key and the devices addressed when the frame is made. */
    static String distributionId(UUID distributionId, JsonNode envelopes) {
        Set<String> devices = new TreeSet<>();
        envelopes.forEach(e -> devices.add(e.path("userId").asText() + "." + e.path("deviceNum").asInt()));
        return UUID.nameUUIDFromBytes(("senderKey|" + distributionId + "|" + devices).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
