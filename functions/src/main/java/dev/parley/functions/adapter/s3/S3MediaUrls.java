package dev.parley.functions.adapter.s3;

import dev.parley.functions.domain.media.MediaUrls;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Download URLs as S3 presigned GETs: what local runs use (moto serves them), and a fallback on
 * AWS when no CloudFront signing is configured. Signed locally, no AWS call. The signer's own
 * clock starts the validity, so the URL lasts from now until {@code expiresAt}.
 */
public final class S3MediaUrls implements MediaUrls {
    private final S3Presigner presigner;
    private final String bucket;
    private final Clock clock;

    public S3MediaUrls(S3Presigner presigner, String bucket, Clock clock) {
        this.presigner = presigner;
        this.bucket = bucket;
        this.clock = clock;
    }

    @Override
    public String url(String key, Instant expiresAt) {
        Duration validity = Duration.between(clock.instant(), expiresAt);
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("a URL must expire in the future: " + expiresAt);
        }
        return presigner.presignGetObject(get -> get
                        .signatureDuration(validity)
                        .getObjectRequest(object -> object.bucket(bucket).key(key)))
                .url().toString();
    }
}
