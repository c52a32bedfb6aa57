package dev.parley.media.domain;

import dev.parley.functions.domain.delivery.DeliveryReport;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.media.Media;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.MediaFailedEvent;
import dev.parley.model.v1.MediaReadyEvent;

import java.util.List;

/**
 * Tells the uploader's live devices (all of them: the one that uploaded may have gone offline
 * meanwhile) what processing decided. Best effort, like every delivery: a device that missed it
 * learns the outcome when it sends the media or asks for its URL.
 */
public final class UploaderNotices {
    private final FanOut fanOut;

    public UploaderNotices(FanOut fanOut) {
        this.fanOut = fanOut;
    }

    DeliveryReport ready(Media media) {
        return fanOut.send(List.of(media.uploaderId()), null, ProtocolCodec.instance().event(Actions.MEDIA_READY_EVENT,
                new MediaReadyEvent(media.conversationId(), media.descriptor())));
    }

    DeliveryReport failed(Media media, UploadRejected rejection) {
        return fanOut.send(List.of(media.uploaderId()), null, ProtocolCodec.instance().event(Actions.MEDIA_FAILED_EVENT,
                new MediaFailedEvent(media.conversationId(), media.mediaId(), rejection.code(), rejection.reason())));
    }
}
