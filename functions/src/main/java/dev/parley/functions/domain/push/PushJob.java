package dev.parley.functions.domain.push;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parley.model.ProtocolCodec;

import java.util.List;
import java.util.Objects;
import dev.parley.functions.domain.delivery.PushTarget;

/**
 * One stored message whose offline recipients need a push: what the send path puts on the push
 * queue, only when {@code targets} is not empty, and all the worker needs besides the tables.
 * This record's JSON is the queue message's body (docs/protocol/push.md shows it).
 *
 * @param senderName  the sender's username, the alert's title when previews are shown; may be null
 * @param sentAt      epoch ms
 * @param text        the text of a conversation that is not end-to-end encrypted; null for E2EE
 * @param targets     the members' devices with an active registration that had no live connection
 *                    when the message was sent, the sending device excepted
 * @param mentioned   a large conversation's job: the members the message mentions or replies to, the
 *                    sender excepted, whose devices the worker looks up ({@link DeliverMentionPushes});
 *                    empty on a small conversation's job, whose {@code targets} the send path found
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PushJob(String conversationId, long seq, String senderId, String senderDeviceId, String senderName,
                      long sentAt, boolean e2ee, String text, List<PushTarget> targets, List<String> mentioned) {

    public PushJob {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(senderDeviceId, "senderDeviceId");
        targets = targets == null ? List.of() : List.copyOf(targets);
        mentioned = mentioned == null ? List.of() : List.copyOf(mentioned);
        if (e2ee) {
            text = null;
        }
    }

    /** A small conversation's job: its targets are known. */
    public PushJob(String conversationId, long seq, String senderId, String senderDeviceId, String senderName,
                   long sentAt, boolean e2ee, String text, List<PushTarget> targets) {
        this(conversationId, seq, senderId, senderDeviceId, senderName, sentAt, e2ee, text, targets, List.of());
    }

    /** The same job with these targets. */
    public PushJob withTargets(List<PushTarget> to) {
        return new PushJob(conversationId, seq, senderId, senderDeviceId, senderName, sentAt, e2ee, text, to, mentioned);
    }

    public boolean sentFrom(String userId, String deviceId) {
        return senderId.equals(userId) && senderDeviceId.equals(deviceId);
    }

    public String toJson() {
        try {
            return ProtocolCodec.instance().mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a push job always serializes", e);
        }
    }

    /** Reads a queue message's body; a body that is not a push job is an {@link IllegalArgumentException}. */
    public static PushJob fromJson(String json) {
        try {
            return ProtocolCodec.instance().mapper().readValue(json, PushJob.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a push job: " + e.getMessage(), e);
        }
    }
}
