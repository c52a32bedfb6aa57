package dev.parley.functions.domain.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parley.model.ProtocolCodec;

import java.util.Objects;

/**
 * One page of a large conversation's fan-out: the members after {@code afterUserId} (null: from
 * the first) get {@code frame}, the message event as the sender's function encoded it, so the
 * worker reads no message. This record's JSON is the fan-out queue message's body.
 *
 * @param exceptConnectionId the sending connection, which got the reply instead; may be null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FanOutJob(String conversationId, long seq, String afterUserId, String exceptConnectionId, String frame) {

    public FanOutJob {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(frame, "frame");
    }

    /** The job of the page after the one that ended with {@code lastUserId}. */
    public FanOutJob after(String lastUserId) {
        return new FanOutJob(conversationId, seq, lastUserId, exceptConnectionId, frame);
    }

    public String toJson() {
        try {
            return ProtocolCodec.instance().mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a fan-out job always serializes", e);
        }
    }

    /** Reads a queue message's body; a body that is not a job is an {@link IllegalArgumentException}. */
    public static FanOutJob fromJson(String json) {
        try {
            return ProtocolCodec.instance().mapper().readValue(json, FanOutJob.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a fan-out job: " + e.getMessage(), e);
        }
    }
}
