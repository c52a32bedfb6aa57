package dev.parley.media.domain;

import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * Port: the objects of the media bucket, by key ({@link dev.parley.functions.domain.media.MediaKeys}).
 * Reads stream, so a 25 MB upload is never held in memory more than once.
 */
public interface MediaObjects {

    /** What the bucket holds under the key (HeadObject); empty when there is no such object. */
    Optional<Stored> stat(String key);

    /**
     * One object's size in bytes, the Content-Type it was uploaded with, and when it was stored.
     * S3 enforces the upload form's policy (exact size, type, expiry) on the POST itself; emulators
     * do not, and these facts let the processor check the same things after the fact.
     */
    record Stored(long size, String contentType, Instant lastModified) {
    }

    /** The object's first {@code bytes} bytes, or all of it when it is shorter (a ranged GET). */
    byte[] readFirst(String key, int bytes);

    /** The object's bytes as a stream the caller closes. */
    InputStream read(String key);

    /** Stores {@code bytes} under {@code key}, with no user metadata. */
    void put(String key, byte[] bytes, String contentType);

    /** Copies an object inside the bucket, keeping its Content-Type; the bytes never leave S3. */
    void copy(String fromKey, String toKey);

    /** Deletes the object; deleting one that is not there is not an error. */
    void delete(String key);
}
