package dev.parley.functions.domain.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parley.model.ProtocolCodec;

import java.util.Objects;

/**
 * One page of a large conversation's fan-out. A {@link Stage#VIEWERS} page: the viewing sockets
 * after the cursor {@code afterUserId} (null: from the first) get {@code frame}, the message event
 * as the sender's function encoded it, so the worker reads no message. An {@link Stage#ACTIVITY}
 * page: the members after the user {@code afterUserId} may be told of activity up to {@code seq}.
 * This record's JSON is the fan-out queue message's body; a body without a stage is a viewers page.
 *
 * @param exceptConnectionId the sending connection, which got the reply instead; may be null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FanOutJob(String conversationId, long seq, String afterUserId, String exceptConnectionId, String frame,
                        Stage stage) {

    /** What a page walks: the conversation's viewers, or its members for an activity round. */
    public enum Stage { VIEWERS, ACTIVITY }

    public FanOutJob {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(frame, "frame");
        stage = stage == null ? Stage.VIEWERS : stage;
    }

    /** The first viewers page of a message. */
    public FanOutJob(String conversationId, long seq, String afterUserId, String exceptConnectionId, String frame) {
        this(conversationId, seq, afterUserId, exceptConnectionId, frame, Stage.VIEWERS);
    }

    /** The job of the page after the one that ended at the cursor {@code last}, in the same stage. */
    public FanOutJob after(String last) {
        return new FanOutJob(conversationId, seq, last, exceptConnectionId, frame, stage);
    }

    /** The first page of the activity round this message starts. */
    public FanOutJob activityRound() {
        return new FanOutJob(conversationId, seq, null, exceptConnectionId, frame, Stage.ACTIVITY);
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
