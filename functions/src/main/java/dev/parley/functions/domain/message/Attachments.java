package dev.parley.functions.domain.message;

import dev.parley.functions.domain.RequestFields;
import dev.parley.model.v1.MediaDescriptor;

import java.util.List;

/**
 * Port: the media a message names, as the descriptors the stored message carries. The media
 * feature implements it; a deployment without media uses {@link #none()}.
 */
public interface Attachments {

    /**
     * The descriptors of {@code mediaIds} (distinct, well formed, at most Limits.MAX_MEDIA_PER_MESSAGE:
     * MessageDraft checked them), in the order given; BAD_REQUEST naming the first id that cannot be sent.
     */
    List<MediaDescriptor> resolve(String conversationId, List<String> mediaIds);

    /** Media off (MEDIA_TABLE unset): a message naming media is refused. */
    static Attachments none() {
        return (conversationId, mediaIds) -> {
            throw RequestFields.badRequest("Media is not configured on this deployment: send the message without \"media\".");
        };
    }
}
