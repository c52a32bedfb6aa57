package dev.parley.functions.domain.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.ProtocolCodec;

/**
 * A user's devices changed (one was added, reinstalled or revoked) and their key log now ends at
 * ({@code seq}, {@code hash}). Its JSON, a presence-queue message body:
 * {@code {"type":"devicesChanged","userId":"…","seq":n,"hash":"base64"}}.
 */
public record DevicesChanged(String userId, long seq, String hash) {
    private static final String TYPE = "devicesChanged";

    public static DevicesChanged of(String userId, KeyLogEntry head) {
        return new DevicesChanged(userId, head.seq(), PublicKey.encode(head.hash()));
    }

    public String toJson() {
        ObjectNode json = ProtocolCodec.instance().mapper().createObjectNode();
        json.put("type", TYPE);
        json.put("userId", userId);
        json.put("seq", seq);
        json.put("hash", hash);
        return json.toString();
    }

    /** Whether a queue message body is one of these (the presence queue also carries presence changes). */
    public static boolean isOne(String body) {
        try {
            JsonNode json = body == null ? null : ProtocolCodec.instance().mapper().readTree(body);
            return json != null && TYPE.equals(json.path("type").asText());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** The change a queue message carries; IllegalArgumentException when the body is not one. */
    public static DevicesChanged fromJson(String body) {
        try {
            JsonNode json = ProtocolCodec.instance().mapper().readTree(body);
            if (json == null || !TYPE.equals(json.path("type").asText()) || !json.path("userId").isTextual()
                    || !json.path("seq").canConvertToLong() || !json.path("hash").isTextual()) {
                throw new IllegalArgumentException("not a devices change: " + body);
            }
            return new DevicesChanged(json.get("userId").asText(), json.get("seq").asLong(), json.get("hash").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a devices change: " + body, e);
        }
    }
}
