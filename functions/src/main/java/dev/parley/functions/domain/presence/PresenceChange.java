package dev.parley.functions.domain.presence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.ProtocolCodec;

import java.time.Instant;

/**
 * A presence transition waiting in the presence queue. Its JSON, the queue message's body:
 * {@code {"userId":"…","kind":"online"|"offlineCheck","at":<epoch ms>}}.
 *
 * @param at when the socket connected or closed
 */
public record PresenceChange(String userId, Kind kind, Instant at) {

    public enum Kind {
        /** A user's first live socket appeared: publish right away. */
        ONLINE("online"),
        /** A user's last socket closed: after the debounce, publish offline unless they are back. */
        OFFLINE_CHECK("offlineCheck");

        private final String value;

        Kind(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        static Kind of(String value) {
            for (Kind kind : values()) {
                if (kind.value.equals(value)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown presence change kind " + value);
        }
    }

    public String toJson() {
        ObjectNode json = ProtocolCodec.instance().mapper().createObjectNode();
        json.put("userId", userId);
        json.put("kind", kind.value());
        json.put("at", at.toEpochMilli());
        return json.toString();
    }

    /** The change a queue message carries; IllegalArgumentException when the body is not one. */
    public static PresenceChange fromJson(String body) {
        try {
            JsonNode json = ProtocolCodec.instance().mapper().readTree(body);
            if (json == null || !json.path("userId").isTextual() || !json.path("at").canConvertToLong()) {
                throw new IllegalArgumentException("not a presence change: " + body);
            }
            return new PresenceChange(json.get("userId").asText(), Kind.of(json.path("kind").asText()),
                    Instant.ofEpochMilli(json.get("at").asLong()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a presence change: " + body, e);
        }
    }
}
