package dev.parley.client.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.ParleyException;
import dev.parley.client.cipher.MessageCipher;
import dev.parley.client.store.StoredConversation;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.SendMessageReply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The server's Wave 2 sendMessage (docs/e2ee.md#device-addressed-messages), in process, for the
 * SDK's unit tests: it checks the addressed devices against {@link WireDirectory}'s (missing,
 * extra, stale; DEVICES_MISMATCH with its details), stores each message once with its envelopes,
 * dedupes by clientMessageId, and renders what one device sees. Requests and views cross as JSON.
 * The live tests run the real server's.
 */
final class WireRelay {
    private static final ObjectMapper JSON = ProtocolCodec.instance().mapper();

    private final WireDirectory directory;
    private final Map<String, StoredConversation> conversations = new HashMap<>();
    private final Map<String, List<ObjectNode>> messages = new HashMap<>();
    final List<String> refusals = new ArrayList<>();
    final List<ObjectNode> frames = new ArrayList<>();

    WireRelay(WireDirectory directory) {
        this.directory = directory;
    }

    synchronized StoredConversation conversation(String id, String kind, List<String> members) {
        return conversation(id, kind, members, ConversationSummary.SMALL);
    }

    /** @param tier {@link ConversationSummary#SMALL} or {@link ConversationSummary#LARGE} */
    synchronized StoredConversation conversation(String id, String kind, List<String> members, String tier) {
        StoredConversation conversation = new StoredConversation(new ConversationSummary(id, kind, null, true, members.size(), 0,
                0, 0, null, tier), List.copyOf(members), 0, 0, false);
        conversations.put(id, conversation);
        return conversation;
    }

    synchronized StoredConversation conversation(String id) {
        return conversations.get(id);
    }

    /** The sendMessage of one device. */
    MessageCipher.Transport transport(Phone from) {
        return fields -> {
            try {
                return CompletableFuture.completedFuture(send(from.userId, from.num(), JSON.readTree(fields.toString())));
            } catch (ParleyException e) {
                return SignalCipher.failed(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private synchronized SendMessageReply send(String sender, int senderNum, JsonNode request) {
        frames.add((ObjectNode) request);
        String conversationId = request.get("conversationId").asText();
        List<ObjectNode> stored = messages.computeIfAbsent(conversationId, id -> new ArrayList<>());
        for (ObjectNode message : stored) {
            if (message.get("clientMessageId").asText().equals(request.get("clientMessageId").asText())) {
                return new SendMessageReply(conversationId, message.get("seq").asLong(), message.get("sentAt").asLong());
            }
        }
        ObjectNode message = JSON.createObjectNode();
        if (request.has("envelopes")) {
            Map<String, Integer> expected = new LinkedHashMap<>();
            for (String member : conversations.get(conversationId).members()) {
                directory.currentDevices(member).forEach((num, registrationId) -> expected.put(member + "." + num, registrationId));
            }
            expected.remove(sender + "." + senderNum);
            ObjectNode details = JSON.createObjectNode();
            ArrayNode missing = details.putArray("missing");
            ArrayNode extra = details.putArray("extra");
            ArrayNode stale = details.putArray("stale");
            ObjectNode envelopes = message.putObject("envelopes");
            for (JsonNode envelope : request.get("envelopes")) {
                String key = envelope.get("userId").asText() + "." + envelope.get("deviceNum").asInt();
                Integer registrationId = expected.remove(key);
                if (registrationId == null) {
                    extra.add(device(envelope.get("userId").asText(), envelope.get("deviceNum").asInt()));
                } else if (registrationId != envelope.get("registrationId").asInt()) {
                    stale.add(device(envelope.get("userId").asText(), envelope.get("deviceNum").asInt()));
                }
                envelopes.set(key, envelope);
            }
            if (!request.path("partial").asBoolean(false)) {
                expected.keySet().forEach(key -> missing.add(device(key.substring(0, key.lastIndexOf('.')),
                        Integer.parseInt(key.substring(key.lastIndexOf('.') + 1)))));
            }
            if (!missing.isEmpty() || !extra.isEmpty() || !stale.isEmpty()) {
                refusals.add(details.toString());
                throw new ParleyException.ServerError(null, null, "DEVICES_MISMATCH", "the devices do not match", details);
            }
        } else {
            message.put("ciphertext", request.get("ciphertext").asText());
        }
        long seq = stored.size() + 1;
        message.put("conversationId", conversationId);
        message.put("seq", seq);
        message.put("senderId", sender);
        message.put("senderDeviceId", sender + "-device-" + senderNum);
        message.put("senderDeviceNum", senderNum);
        message.put("sentAt", 1_700_000_000_000L + seq);
        message.put("clientMessageId", request.get("clientMessageId").asText());
        message.put("alg", request.get("alg").asText());
        stored.add(message);
        return new SendMessageReply(conversationId, seq, message.get("sentAt").asLong());
    }

    /** Every message of the conversation as the device sees it (its own envelope only). */
    synchronized List<ObjectNode> view(String conversationId, Phone reader) {
        List<ObjectNode> views = new ArrayList<>();
        for (ObjectNode message : messages.getOrDefault(conversationId, List.of())) {
            ObjectNode view = message.deepCopy();
            view.remove("envelopes");
            if (message.has("envelopes")) {
                JsonNode mine = message.get("envelopes").get(reader.userId + "." + reader.num());
                if (mine == null) {
                    view.put("notForThisDevice", true);
                } else {
                    view.put("ciphertext", mine.get("ciphertext").asText());
                    view.put("envelopeType", mine.get("type").asText());
                }
            }
            views.add(view);
        }
        return views;
    }

    /** Alters the stored ciphertext addressed to one device, as a malicious server or network would. */
    synchronized void tamper(String conversationId, long seq, Phone reader) {
        ObjectNode envelope = (ObjectNode) messages.get(conversationId).get((int) seq - 1).get("envelopes")
                .get(reader.userId + "." + reader.num());
        byte[] bytes = java.util.Base64.getDecoder().decode(envelope.get("ciphertext").asText());
        // The inner message's body, just before its MAC: a prekey message's Kyber ciphertext is not read again once
        // the session exists, so a flip there would change nothing the receiver checks.
        bytes[bytes.length - 12] ^= 1;
        envelope.put("ciphertext", java.util.Base64.getEncoder().encodeToString(bytes));
    }

    private static ObjectNode device(String userId, int deviceNum) {
        ObjectNode device = JSON.createObjectNode();
        device.put("userId", userId);
        device.put("deviceNum", deviceNum);
        return device;
    }
}
