package dev.parley.functions.domain.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parley.functions.domain.viewing.ActivityRounds;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.MessageEvent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a large conversation's fan-out. A {@link Stage#VIEWERS} page: the viewing sockets
 * get {@code frame}, the message event as the sender's function encoded it, so the worker reads no
 * message; a message's first page ({@code shard} and {@code afterUserId} null) those at the head of
 * every shard of the viewer entries, each later page those of one {@code shard} after the cursor
 * {@code afterUserId}. An {@link Stage#ACTIVITY} page: the members after the user {@code afterUserId}
 * may be told of activity up to {@code seq}. This record's JSON is the fan-out queue message's body;
 * a body without a stage is a viewers page; one without a shard but with a cursor was queued before
 * the viewer entries were sharded.
 *
 * <p>A pairwise end-to-end encrypted message is one frame per addressed device instead
 * ({@code deviceFrames}): each device gets only its own envelope, and a device the batch does not
 * address gets nothing live (sync and history say {@code notForThisDevice}). Its envelopes came in
 * one request of at most {@link dev.parley.model.Limits#MAX_MESSAGE_BYTES}, so the frames with their
 * headers stay well within an SQS message (256 KiB).
 *
 * @param exceptConnectionId the sending connection, which got the reply instead; may be null
 * @param deviceFrames       each addressed device's own frame (pairwise messages); null for one frame for all
 * @param shard              the viewer entries' shard a later viewers page walks; null on a first page and an activity page
 * @param since              an activity page's previous round, which its sockets are compared with
 *                           ({@link dev.parley.functions.domain.viewing.ActivityHints}); null: tell every socket
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FanOutJob(String conversationId, long seq, String afterUserId, String exceptConnectionId, String frame,
                        Stage stage, List<DeviceFrame> deviceFrames, Integer shard, Since since) {

    /** What a page walks: the conversation's viewers, or its members for an activity round. */
    public enum Stage { VIEWERS, ACTIVITY }

    public FanOutJob {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(frame, "frame");
        stage = stage == null ? Stage.VIEWERS : stage;
        deviceFrames = deviceFrames == null ? null : List.copyOf(deviceFrames);
    }

    /** The first viewers page of a message with one frame for every member. */
    public FanOutJob(String conversationId, long seq, String afterUserId, String exceptConnectionId, String frame) {
        this(conversationId, seq, afterUserId, exceptConnectionId, frame, Stage.VIEWERS, null, null, null);
    }

    /** A page without a previous round to compare with. */
    public FanOutJob(String conversationId, long seq, String afterUserId, String exceptConnectionId, String frame,
                     Stage stage, List<DeviceFrame> deviceFrames) {
        this(conversationId, seq, afterUserId, exceptConnectionId, frame, stage, deviceFrames, null, null);
    }

    /** The first viewers page's job of a stored message: one frame for all, or each addressed device's own. */
    static FanOutJob of(Message message, String exceptConnectionId) {
        List<DeviceFrame> perDevice = message.body() instanceof MessageBody.Envelopes addressed
                ? addressed.envelopes().stream()
                        .map(envelope -> new DeviceFrame(envelope.userId(), envelope.deviceId(),
                                encode(message.toEventFor(envelope.userId(), envelope.deviceId()))))
                        .toList()
                : null;
        return new FanOutJob(message.conversationId(), message.seq(), null, exceptConnectionId, encode(message.toEvent()),
                Stage.VIEWERS, perDevice, null, null);
    }

    /** The job of the page after the one that ended at the cursor {@code last}, in the same stage and shard. */
    public FanOutJob after(String last) {
        return new FanOutJob(conversationId, seq, last, exceptConnectionId, frame, stage, deviceFrames, shard, since);
    }

    /** The job of the viewers page of {@code shard} after the cursor {@code last}, which ended that shard's head. */
    public FanOutJob inShard(int shard, String last) {
        return new FanOutJob(conversationId, seq, last, exceptConnectionId, frame, Stage.VIEWERS, deviceFrames, shard, null);
    }

    /**
     * The first page of the activity round this message starts: it tells of the seq, so no device's frame.
     *
     * @param previous the round its sockets are compared with; null: it tells every socket not viewing
     */
    public FanOutJob activityRound(ActivityRounds.Round previous) {
        return new FanOutJob(conversationId, seq, null, exceptConnectionId, frame, Stage.ACTIVITY, null, null,
                previous == null ? null : new Since(previous.at().toEpochMilli(), previous.seq()));
    }

    /** The previous round an activity page compares with, or null. */
    public ActivityRounds.Round previousRound() {
        return since == null ? null : new ActivityRounds.Round(Instant.ofEpochMilli(since.at()), since.seq());
    }

    /** What the device {@code (userId, deviceId)} is posted live: the one frame, its own, or nothing. */
    public Optional<String> frameFor(String userId, String deviceId) {
        if (deviceFrames == null) {
            return Optional.of(frame);
        }
        return deviceFrames.stream()
                .filter(device -> device.userId().equals(userId) && device.deviceId().equals(deviceId))
                .map(DeviceFrame::frame)
                .findFirst();
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

    private static String encode(MessageEvent event) {
        return ProtocolCodec.instance().encode(ProtocolCodec.instance().event(Actions.MESSAGE_EVENT, event));
    }

    /** A previous round in the queue message: its time (epoch ms) and seq. */
    public record Since(long at, long seq) {
    }

    /** One addressed device's frame. */
    public record DeviceFrame(String userId, String deviceId, String frame) {
    }
}
