package dev.parley.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The media Parley accepts: each content type's kind and size limit, what processing makes of it,
 * and the names of the versions and failure codes the protocol uses. Processing checks the real
 * type by its magic bytes, so a declared type is a claim, never trusted.
 */
public final class MediaTypes {
    /** What a media item is, which decides its processing. */
    public enum Kind {
        /** Decoded, stripped of all metadata, re-encoded as {@link #VERSION_DISPLAY} and {@link #VERSION_THUMB}; the upload itself is not kept. */
        IMAGE,
        /** Kept as uploaded ({@link #VERSION_ORIGINAL}); a client-made JPEG poster becomes {@link #VERSION_THUMB}. */
        VIDEO,
        /** Kept as uploaded ({@link #VERSION_ORIGINAL}). */
        AUDIO,
        /** A PDF: kept as uploaded, its first page rendered as {@link #VERSION_PREVIEW}. */
        DOCUMENT,
        /** End-to-end encrypted bytes of any type: kept untouched, with the client's encrypted thumbnail if it sent one. */
        ENCRYPTED
    }

    /** One accepted content type. */
    public record Type(String contentType, Kind kind, long maxBytes) {
    }

    public static final String VERSION_ORIGINAL = "original";
    public static final String VERSION_DISPLAY = "display";
    public static final String VERSION_THUMB = "thumb";
    public static final String VERSION_PREVIEW = "preview";

    /** The Content-Type of every encrypted upload, and of an encrypted thumbnail. */
    public static final String ENCRYPTED_CONTENT_TYPE = "application/octet-stream";
    /** The Content-Type of a video's client-made poster. */
    public static final String POSTER_CONTENT_TYPE = "image/jpeg";

    /** Longest side of an image's display version, in pixels. */
    public static final int DISPLAY_MAX_PIXELS = 1600;
    /** Longest side of a thumbnail or preview, in pixels. */
    public static final int THUMB_MAX_PIXELS = 320;
    /** Largest image processing decodes (width × height), against decompression bombs. */
    public static final long MAX_IMAGE_PIXELS = 50_000_000L;
    /** Largest client-made thumbnail: an encrypted thumbnail, or a video's JPEG poster. */
    public static final long MAX_THUMBNAIL_BYTES = 1024 * 1024;

    public static final long MB = 1024L * 1024;

    /** Processing refusals, as mediaFailed carries them. */
    public static final String FAILURE_TYPE_MISMATCH = "TYPE_MISMATCH";
    public static final String FAILURE_SIZE_MISMATCH = "SIZE_MISMATCH";
    public static final String FAILURE_UNREADABLE = "UNREADABLE";
    public static final String FAILURE_TOO_LARGE = "TOO_LARGE";
    public static final String FAILURE_EXPIRED = "EXPIRED";

    private static final Map<String, Type> TYPES = types(
            new Type("image/jpeg", Kind.IMAGE, 25 * MB),
            new Type("image/png", Kind.IMAGE, 25 * MB),
            new Type("image/gif", Kind.IMAGE, 25 * MB),
            new Type("image/webp", Kind.IMAGE, 25 * MB),
            new Type("video/mp4", Kind.VIDEO, 256 * MB),
            new Type("video/quicktime", Kind.VIDEO, 256 * MB),
            new Type("video/webm", Kind.VIDEO, 256 * MB),
            new Type("audio/mp4", Kind.AUDIO, 32 * MB),
            new Type("audio/mpeg", Kind.AUDIO, 32 * MB),
            new Type("audio/ogg", Kind.AUDIO, 32 * MB),
            new Type("application/pdf", Kind.DOCUMENT, 64 * MB));

    /** Limit of an encrypted upload, whatever the plaintext is. */
    public static final Type ENCRYPTED = new Type(ENCRYPTED_CONTENT_TYPE, Kind.ENCRYPTED, 256 * MB);

    private MediaTypes() {
    }

    /** The accepted plaintext type with this exact (lower-case, parameterless) content type, if any. */
    public static Optional<Type> of(String contentType) {
        return Optional.ofNullable(contentType).map(TYPES::get);
    }

    /** Every accepted plaintext type, in a stable order. */
    public static Map<String, Type> all() {
        return TYPES;
    }

    private static Map<String, Type> types(Type... types) {
        Map<String, Type> byName = new LinkedHashMap<>();
        for (Type type : types) {
            byName.put(type.contentType(), type);
        }
        return java.util.Collections.unmodifiableMap(byName);
    }
}
