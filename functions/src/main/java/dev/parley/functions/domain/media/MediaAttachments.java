package dev.parley.functions.domain.media;

import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.message.Attachments;
import dev.parley.model.v1.MediaDescriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The send path's part of media: turns the media ids of a message into the descriptors the
 * message carries. One consistent BatchGetItem for all ids ({@code MediaRepository.findAll}),
 * paid only by a message with media: consistent, because a client sends right after mediaReady,
 * and an eventually consistent read could still see the item PENDING.
 *
 * <p>The descriptors are copied into the message, so a message shows what its media was when it
 * was sent and sync and history read no second table.
 */
public final class MediaAttachments implements Attachments {
    private final MediaRepository media;

    public MediaAttachments(MediaRepository media) {
        this.media = media;
    }

    /** BAD_REQUEST names the first id that is not READY media of this conversation. */
    @Override
    public List<MediaDescriptor> resolve(String conversationId, List<String> mediaIds) {
        Map<String, Media> found = media.findAll(mediaIds).stream()
                .collect(Collectors.toMap(Media::mediaId, Function.identity(), (one, other) -> one));
        List<MediaDescriptor> descriptors = new ArrayList<>(mediaIds.size());
        for (String mediaId : mediaIds) {
            Media item = found.get(mediaId);
            if (item == null || !item.conversationId().equals(conversationId)) {
                throw RequestFields.badRequest("Media \"" + mediaId + "\" is not found in this conversation.");
            }
            switch (item.status()) {
                case PENDING -> throw RequestFields.badRequest("Media \"" + mediaId
                        + "\" is not ready: send it after its mediaReady event.");
                case FAILED -> throw RequestFields.badRequest("Media \"" + mediaId + "\" failed processing ("
                        + item.failureCode() + ") and cannot be sent.");
                case READY -> descriptors.add(item.descriptor());
            }
        }
        return descriptors;
    }
}
