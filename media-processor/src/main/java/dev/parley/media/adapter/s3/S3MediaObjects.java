package dev.parley.media.adapter.s3;

import dev.parley.media.domain.MediaObjects;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.InputStream;
import java.util.Optional;

/**
 * The media bucket through the S3 API. Keys under {@code uploads/} are read and deleted, keys under
 * {@code media/} written: the processor's role needs s3:GetObject and s3:DeleteObject on
 * {@code uploads/*}, s3:PutObject on {@code media/*} (CopyObject is a PutObject reading a GetObject),
 * and, for a failed item, s3:DeleteObject on {@code media/*}.
 */
public final class S3MediaObjects implements MediaObjects {
    private static final int NOT_FOUND = 404;

    private final S3Client s3;
    private final String bucket;

    public S3MediaObjects(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<Stored> stat(String key) {
        try {
            HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key(key));
            return Optional.of(new Stored(head.contentLength(), head.contentType(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            // HEAD responses have no body, so a missing key arrives as a bare 404 rather than NoSuchKey.
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public byte[] readFirst(String key, int bytes) {
        return s3.getObjectAsBytes(get -> get.bucket(bucket).key(key).range("bytes=0-" + (bytes - 1))).asByteArray();
    }

    @Override
    public InputStream read(String key) {
        return s3.getObject(get -> get.bucket(bucket).key(key));
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(put -> put.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    @Override
    public void copy(String fromKey, String toKey) {
        s3.copyObject(copy -> copy.sourceBucket(bucket).sourceKey(fromKey)
                .destinationBucket(bucket).destinationKey(toKey)
                .metadataDirective(MetadataDirective.COPY));
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(delete -> delete.bucket(bucket).key(key));
    }
}
