package dev.parley.client.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.ProtocolCodec;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * The plaintext inside every E2EE ciphertext (docs/e2ee.md#what-a-ciphertext-holds): UTF-8 JSON
 * with a kind {@code k}: {@code "text"} (what the app sees: text, and later media keys) or
 * {@code "senderKey"} (a sender-key distribution the SDK consumes itself). The server never sees it.
 */
final class Content {
    static final String TEXT = "text";
    static final String SENDER_KEY = "senderKey";
    private static final ObjectMapper JSON = ProtocolCodec.instance().mapper();

    private Content() {
    }

    static byte[] text(String text) {
        return text(text, java.util.Collections.emptyMap());
    }

    /** @param mediaSecrets per media id, the file's key JSON (MediaFiles.seal): {@code media: [{mediaId, key, digest, size, contentType}]} */
    static byte[] text(String text, java.util.Map<String, String> mediaSecrets) {
        ObjectNode node = JSON.createObjectNode();
        node.put("k", TEXT);
        node.put("text", text == null ? "" : text);
        if (mediaSecrets != null && !mediaSecrets.isEmpty()) {
            com.fasterxml.jackson.databind.node.ArrayNode media = node.putArray("media");
            mediaSecrets.forEach((mediaId, secret) -> {
                ObjectNode entry = media.addObject();
                entry.put("mediaId", mediaId);
                entry.setAll((ObjectNode) read(secret.getBytes(StandardCharsets.UTF_8), false));
            });
        }
        return bytes(node);
    }

    static byte[] senderKey(UUID distributionId, byte[] distributionMessage) {
        ObjectNode node = JSON.createObjectNode();
        node.put("k", SENDER_KEY);
        node.put("distributionId", distributionId.toString());
        node.put("message", Base64.getEncoder().encodeToString(distributionMessage));
        return bytes(node);
    }

    /** The decrypted JSON; IllegalArgumentException when it is not one (a sender's bug, reported as INVALID_MESSAGE). */
    static JsonNode read(byte[] plaintext) {
        return read(plaintext, true);
    }

    private static JsonNode read(byte[] plaintext, boolean content) {
        try {
            JsonNode node = JSON.readTree(new String(plaintext, StandardCharsets.UTF_8));
            if (node == null || !node.isObject() || content && !node.path("k").isTextual()) {
                throw new IllegalArgumentException("no content kind");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    private static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
