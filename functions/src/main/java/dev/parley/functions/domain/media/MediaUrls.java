package dev.parley.functions.domain.media;

import java.time.Instant;

/**
 * Port: short-lived download URLs for verified media (keys under {@link MediaKeys#MEDIA_PREFIX}).
 * CloudFront signed URLs on AWS, S3 presigned GET URLs locally; either is computed locally, with
 * no AWS call.
 */
public interface MediaUrls {

    /** A URL that downloads {@code key} until {@code expiresAt}. */
    String url(String key, Instant expiresAt);
}
