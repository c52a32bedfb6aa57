package dev.parley.functions.domain.media;

import dev.parley.model.v1.UploadForm;

import java.time.Instant;

/**
 * Port: presigned POST forms for the media bucket. The bytes go from the client straight to S3,
 * never through a Lambda or the WebSocket (a message is at most 128 KB, and every hop is billed).
 */
public interface UploadForms {

    /**
     * A form that lets its holder store exactly one object: this key, this Content-Type and exactly
     * {@code size} bytes, if the upload starts before {@code expiresAt}. S3 enforces all of it; the
     * processor re-checks type and size anyway, since emulators do not.
     */
    UploadForm form(String key, String contentType, long size, Instant expiresAt);
}
