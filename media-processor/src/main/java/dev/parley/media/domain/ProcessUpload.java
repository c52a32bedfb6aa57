package dev.parley.media.domain;

import dev.parley.functions.domain.media.Media;
import dev.parley.functions.domain.media.MediaKeys;
import dev.parley.functions.domain.media.MediaRepository;
import dev.parley.functions.domain.media.MediaRepository.MediaFacts;
import dev.parley.functions.log.JsonLogger;
import dev.parley.model.Limits;
import dev.parley.model.MediaTypes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: verifies one uploaded object and makes what may be served of it. The object is a
 * claim; the media item (written by requestUpload) says what was promised: the size, the type,
 * whether it is encrypted. Anything else is refused: its objects are deleted, the item is marked
 * FAILED and the uploader is told.
 *
 * <p>At-least-once: S3 notifications and SQS may deliver an upload twice, and a run may die
 * half-way. Outputs are written before the item changes, and the upload is deleted last, so a
 * redelivery either finds the item READY (nothing to do) or redoes every step, each of which
 * overwrites or adds idempotently. An S3 or DynamoDB error is thrown, and SQS retries the record.
 */
public final class ProcessUpload {
    private static final JsonLogger LOG = JsonLogger.of(ProcessUpload.class);
    /**
     * How long after its form expired an upload may still land. S3 checks the expiry when the POST
     * arrives, and a large file on a slow link is stored long after that; an upload much later than
     * this came through a form that was not enforced.
     */
    static final Duration LATE_UPLOAD_GRACE = Duration.ofHours(1);
    /** Every version processing makes is a JPEG, and so is the poster a client may send. */
    private static final String JPEG = MediaTypes.POSTER_CONTENT_TYPE;

    /** What became of one upload. */
    public enum Outcome {
        /** Verified and processed: the item is READY and the uploader was told. */
        READY,
        /** A client-made thumbnail was verified and added to the item. */
        VERSION_ADDED,
        /** Refused: objects deleted, item FAILED, uploader told. */
        FAILED,
        /** Done before (a redelivery): the leftover upload, if any, was deleted. */
        ALREADY_PROCESSED,
        /** No item expects this object (unknown, expired, failed, or a part nobody asked for): deleted. */
        DISCARDED
    }

    private final MediaRepository media;
    private final MediaObjects objects;
    private final ImageVersions images;
    private final PdfPreview pdfs;
    private final UploaderNotices notices;
    private final Path scratch;

    /** @param scratch where uploads are spooled for decoding (Lambda: /tmp, 512 MB by default) */
    public ProcessUpload(MediaRepository media, MediaObjects objects, ImageVersions images, PdfPreview pdfs,
                         UploaderNotices notices, Path scratch) {
        this.media = media;
        this.objects = objects;
        this.images = images;
        this.pdfs = pdfs;
        this.notices = notices;
        this.scratch = scratch;
    }

    public Outcome process(MediaKeys.Upload upload) {
        Optional<Media> found = media.find(upload.mediaId())
                .filter(item -> item.conversationId().equals(upload.conversationId()));
        if (found.isEmpty() || found.get().status() == Media.Status.FAILED) {
            objects.delete(upload.key());
            return Outcome.DISCARDED;
        }
        Media item = found.get();
        boolean original = MediaKeys.PART_ORIGINAL.equals(upload.part());
        if (original ? item.ready() : item.versions().contains(MediaTypes.VERSION_THUMB)) {
            objects.delete(upload.key());
            return Outcome.ALREADY_PROCESSED;
        }
        if (!original && !expectsThumbnail(item)) {
            objects.delete(upload.key());
            return Outcome.DISCARDED;
        }
        try {
            return original ? processOriginal(item, upload.key()) : processThumbnail(item, upload.key());
        } catch (UploadRejected rejection) {
            return fail(item, upload, rejection);
        }
    }

    private Outcome processOriginal(Media item, String key) throws UploadRejected {
        long size = verifiedUpload(item, key, item.declaredSize(), item.contentType());
        MediaFacts facts;
        if (item.encrypted()) {
            objects.copy(key, version(item, MediaTypes.VERSION_ORIGINAL));
            facts = new MediaFacts(size, null, null, null, Set.of(MediaTypes.VERSION_ORIGINAL));
        } else {
            facts = switch (item.kind()) {
                case IMAGE -> image(item, key, size);
                case DOCUMENT -> document(item, key, size);
                case VIDEO, AUDIO, ENCRYPTED -> {
                    // Copied inside S3, never downloaded: only the first bytes are read, to check the type.
                    checkType(item.contentType(), objects.readFirst(key, ContentSniffer.HEAD_BYTES));
                    objects.copy(key, version(item, MediaTypes.VERSION_ORIGINAL));
                    yield new MediaFacts(size, null, null, null, Set.of(MediaTypes.VERSION_ORIGINAL));
                }
            };
        }
        Optional<Media> ready = media.markReady(item.mediaId(), facts);
        if (ready.isEmpty()) {
            // Failed meanwhile (a refused thumbnail of the same item): its failure path owns the cleanup.
            objects.delete(key);
            return Outcome.DISCARDED;
        }
        notices.ready(ready.get());
        objects.delete(key);
        return Outcome.READY;
    }

    /** A video's poster (a JPEG, re-encoded like any image) or an encrypted thumbnail (kept as it is). */
    private Outcome processThumbnail(Media item, String key) throws UploadRejected {
        long size = verifiedUpload(item, key, item.thumbnailSize(), item.encrypted() ? MediaTypes.ENCRYPTED_CONTENT_TYPE : JPEG);
        MediaFacts facts;
        if (item.encrypted()) {
            objects.copy(key, version(item, MediaTypes.VERSION_THUMB));
            facts = new MediaFacts(size, null, null, null, Set.of(MediaTypes.VERSION_THUMB));
        } else {
            ImageVersions.Jpeg poster = spooled(key, JPEG, images::thumbnail);
            objects.put(version(item, MediaTypes.VERSION_THUMB), poster.bytes(), JPEG);
            facts = new MediaFacts(size, poster.width(), poster.height(), null, Set.of(MediaTypes.VERSION_THUMB));
        }
        Optional<Media> now = media.addVersion(item.mediaId(), MediaTypes.VERSION_THUMB, facts);
        if (now.isPresent() && now.get().ready()) {
            notices.ready(now.get());
        }
        objects.delete(key);
        return now.isPresent() ? Outcome.VERSION_ADDED : Outcome.DISCARDED;
    }

    /** The upload is never kept: it carries the camera's metadata, GPS included. */
    private MediaFacts image(Media item, String key, long size) throws UploadRejected {
        ImageVersions.Versions versions = spooled(key, item.contentType(), images::of);
        objects.put(version(item, MediaTypes.VERSION_DISPLAY), versions.display(), JPEG);
        objects.put(version(item, MediaTypes.VERSION_THUMB), versions.thumb(), JPEG);
        return new MediaFacts(size, versions.width(), versions.height(), null,
                Set.of(MediaTypes.VERSION_DISPLAY, MediaTypes.VERSION_THUMB));
    }

    private MediaFacts document(Media item, String key, long size) throws UploadRejected {
        PdfPreview.Preview preview = spooled(key, item.contentType(), pdfs::render);
        objects.put(version(item, MediaTypes.VERSION_PREVIEW), preview.jpeg().bytes(), JPEG);
        objects.copy(key, version(item, MediaTypes.VERSION_ORIGINAL));
        return new MediaFacts(size, preview.pageWidth(), preview.pageHeight(), preview.pages(),
                Set.of(MediaTypes.VERSION_ORIGINAL, MediaTypes.VERSION_PREVIEW));
    }

    /**
     * Marks the item FAILED first, so that a redelivery after a crash only deletes; then removes
     * every object of the item (both upload parts, and a thumbnail already made) and tells the uploader.
     * A refused thumbnail of an item that is already READY only loses the thumbnail.
     */
    private Outcome fail(Media item, MediaKeys.Upload upload, UploadRejected rejection) {
        LOG.warn("upload refused", JsonLogger.fields("mediaId", item.mediaId(), "part", upload.part(),
                "code", rejection.code(), "reason", rejection.reason()));
        if (!media.markFailed(item.mediaId(), rejection.code(), rejection.reason())) {
            objects.delete(upload.key());
            return Outcome.DISCARDED;
        }
        objects.delete(MediaKeys.upload(item.conversationId(), item.mediaId(), MediaKeys.PART_ORIGINAL));
        objects.delete(MediaKeys.upload(item.conversationId(), item.mediaId(), MediaKeys.PART_THUMB));
        for (String made : item.versions()) {
            objects.delete(version(item, made));
        }
        notices.failed(item, rejection);
        return Outcome.FAILED;
    }

    /**
     * What the form's signed policy promised: the exact size, the Content-Type, and a POST before
     * the form expired. S3 refuses a POST that breaks any of them; a store that does not check
     * (moto, S3Proxy) is caught here, and so is a form somehow bypassed.
     */
    private long verifiedUpload(Media item, String key, Long expectedSize, String expectedType) throws UploadRejected {
        MediaObjects.Stored stored = objects.stat(key).orElseThrow(() ->
                new UploadRejected(MediaTypes.FAILURE_UNREADABLE, "the upload is no longer there"));
        if (expectedSize == null || stored.size() != expectedSize) {
            throw new UploadRejected(MediaTypes.FAILURE_SIZE_MISMATCH,
                    "the upload has %d bytes, %s were declared".formatted(stored.size(), expectedSize));
        }
        if (!expectedType.equals(stored.contentType())) {
            throw new UploadRejected(MediaTypes.FAILURE_TYPE_MISMATCH,
                    "the upload was sent as %s, %s was declared".formatted(stored.contentType(), expectedType));
        }
        Instant latest = item.createdAt().plusSeconds(Limits.UPLOAD_FORM_EXPIRY_SECONDS).plus(LATE_UPLOAD_GRACE);
        if (stored.lastModified() != null && stored.lastModified().isAfter(latest)) {
            throw new UploadRejected(MediaTypes.FAILURE_EXPIRED,
                    "the upload was stored at %s, after its form expired".formatted(stored.lastModified()));
        }
        return stored.size();
    }

    private static void checkType(String declared, byte[] head) throws UploadRejected {
        if (!ContentSniffer.matches(declared, head)) {
            throw new UploadRejected(MediaTypes.FAILURE_TYPE_MISMATCH, "declared %s, but the bytes are %s".formatted(
                    declared, ContentSniffer.describe(head).orElse("of no accepted type")));
        }
    }

    private static boolean expectsThumbnail(Media item) {
        return item.thumbnailSize() != null && (item.kind() == MediaTypes.Kind.VIDEO || item.encrypted());
    }

    private static String version(Media item, String version) {
        return MediaKeys.version(item.conversationId(), item.mediaId(), version);
    }

    /**
     * Decoders get a local file: seekable, re-readable (orientation, then pixels), and never a second
     * heap copy. The file's first bytes are checked against the declared type before it is decoded,
     * from the one download: no separate ranged GET.
     */
    private <T> T spooled(String key, String declaredType, Decoder<T> decoder) throws UploadRejected {
        Path file = null;
        try {
            file = Files.createTempFile(scratch, "upload-", ".bin");
            try (InputStream in = objects.read(key)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            checkType(declaredType, head(file));
            return decoder.decode(file);
        } catch (IOException e) {
            throw new UncheckedIOException("spooling " + key + " failed", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warn("spooled upload not deleted", JsonLogger.fields("file", file.toString()));
                }
            }
        }
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(ContentSniffer.HEAD_BYTES);
        }
    }

    @FunctionalInterface
    private interface Decoder<T> {
        T decode(Path file) throws UploadRejected;
    }
}
