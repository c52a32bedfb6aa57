package dev.parley.functions.domain.media;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Port: the media items (DynamoDB table Media, key {@code mediaId}). PENDING and FAILED items
 * carry a TTL of a day; READY items are kept, since messages refer to them.
 */
public interface MediaRepository {

    /** Stores a new PENDING item; media ids are random, so an existing id is a bug and throws. */
    void create(Media pending);

    /** The item, read consistently. */
    Optional<Media> find(String mediaId);

    /** The items that exist among these ids (at most Limits.MAX_MEDIA_PER_MESSAGE), read consistently, in no order. */
    List<Media> findAll(Collection<String> mediaIds);

    /**
     * PENDING to READY with what processing found, adding {@code versions} to those already
     * there, and dropping the TTL. Returns the item as it now is; an item already READY (a
     * redelivered notification) is returned unchanged; empty when the item does not exist or FAILED.
     */
    Optional<Media> markReady(String mediaId, MediaFacts facts);

    /**
     * Adds a version (a client-made thumbnail, processed) to an item that is PENDING or READY,
     * and sets width and height when they were unknown and {@code facts} knows them. Returns the
     * item as it now is; empty when it does not exist or FAILED.
     */
    Optional<Media> addVersion(String mediaId, String version, MediaFacts facts);

    /** PENDING to FAILED with a MediaTypes.FAILURE_* code; false when the item was not PENDING. */
    boolean markFailed(String mediaId, String code, String reason);

    /** What processing learned of an upload. Null fields are unknown or not applicable. */
    record MediaFacts(long size, Integer width, Integer height, Integer pages, java.util.Set<String> versions) {
        public MediaFacts {
            versions = versions == null ? java.util.Set.of() : java.util.Set.copyOf(versions);
        }
    }
}
