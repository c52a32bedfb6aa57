package dev.parley.functions.domain.media;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The media bucket's key layout. Clients upload to {@code uploads/}: unverified bytes, never
 * served, removed by a lifecycle rule after a day, and the only prefix whose object-created
 * notifications reach the processor. Processing writes what it verified under {@code media/},
 * the only prefix CloudFront serves and getMediaUrl signs.
 */
public final class MediaKeys {
    public static final String UPLOADS_PREFIX = "uploads/";
    public static final String MEDIA_PREFIX = "media/";
    /** The part of an upload that is the file itself. */
    public static final String PART_ORIGINAL = "original";
    /** The part of an upload that is the client-made thumbnail (an encrypted thumbnail, or a video's poster). */
    public static final String PART_THUMB = "thumb";

    private static final Pattern UPLOAD = Pattern.compile("uploads/([A-Za-z0-9_-]{1,128})/([A-Za-z0-9_-]{1,128})/(original|thumb)");

    private MediaKeys() {
    }

    public static String upload(String conversationId, String mediaId, String part) {
        return UPLOADS_PREFIX + conversationId + "/" + mediaId + "/" + part;
    }

    /** Where a verified version is stored. */
    public static String version(String conversationId, String mediaId, String version) {
        return MEDIA_PREFIX + conversationId + "/" + mediaId + "/" + version;
    }

    /** The upload a key names, if it is one (keys as S3 notifications carry them, already URL-decoded). */
    public static Optional<Upload> parseUpload(String key) {
        Matcher m = UPLOAD.matcher(key);
        return m.matches() ? Optional.of(new Upload(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    /** One uploaded object: the file or the client's thumbnail of one media item. */
    public record Upload(String conversationId, String mediaId, String part) {
        public String key() {
            return upload(conversationId, mediaId, part);
        }
    }
}
