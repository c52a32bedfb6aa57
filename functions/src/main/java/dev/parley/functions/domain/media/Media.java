package dev.parley.functions.domain.media;

import dev.parley.model.MediaTypes;
import dev.parley.model.v1.MediaDescriptor;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One uploaded file of a conversation, from requestUpload to processing's verdict.
 *
 * @param declaredSize  the exact size the upload form allows, in bytes
 * @param thumbnailSize the exact size of the client-made thumbnail form, or null when none was asked for
 * @param size          the verified size of the upload; 0 until processed
 * @param width         pixels of the display image (images), the poster (videos) or the first page (PDFs); null when unknown
 * @param versions      the stored versions (MediaTypes.VERSION_*), servable by getMediaUrl
 * @param failureCode   MediaTypes.FAILURE_* when FAILED, else null
 */
public record Media(String mediaId, String conversationId, String uploaderId, String uploaderDeviceId,
                    String contentType, MediaTypes.Kind kind, boolean encrypted, long declaredSize, Long thumbnailSize,
                    Status status, long size, Integer width, Integer height, Integer pages, Set<String> versions,
                    String failureCode, String failureReason, Instant createdAt) {

    /** Where a media item is in its life. */
    public enum Status {
        /** Form handed out; the upload may or may not have arrived; not yet verified. */
        PENDING,
        /** Verified and processed: it may be sent in messages and downloaded. */
        READY,
        /** Refused by processing; its objects are deleted. */
        FAILED
    }

    public Media {
        versions = versions == null ? Set.of() : Set.copyOf(versions);
    }

    /** A new item as requestUpload stores it. */
    public static Media pending(String mediaId, String conversationId, String uploaderId, String uploaderDeviceId,
                                String contentType, MediaTypes.Kind kind, boolean encrypted, long declaredSize,
                                Long thumbnailSize, Instant createdAt) {
        return new Media(mediaId, conversationId, uploaderId, uploaderDeviceId, contentType, kind, encrypted, declaredSize,
                thumbnailSize, Status.PENDING, 0, null, null, null, Set.of(), null, null, createdAt);
    }

    public boolean ready() {
        return status == Status.READY;
    }

    /** The media as messages and mediaReady carry it; versions in a stable order. */
    public MediaDescriptor descriptor() {
        return new MediaDescriptor(mediaId, kind.name().toLowerCase(java.util.Locale.ROOT), contentType, size, width, height,
                pages, encrypted, List.copyOf(new TreeSet<>(versions)));
    }
}
