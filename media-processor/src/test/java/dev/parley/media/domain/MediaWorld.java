package dev.parley.media.domain;

import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.media.InMemoryMediaRepository;
import dev.parley.functions.domain.media.Media;
import dev.parley.functions.domain.media.MediaKeys;
import dev.parley.model.MediaTypes;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** ProcessUpload with in-memory fakes: an uploader with two live devices, a bucket, the media table. */
public final class MediaWorld {
    public static final String CONVERSATION = "c_world";
    public static final String UPLOADER = "u_alice";
    public static final List<Recipient> UPLOADER_DEVICES = List.of(
            new Recipient(UPLOADER, "conn-phone", "phone"), new Recipient(UPLOADER, "conn-laptop", "laptop"));

    public final InMemoryMediaRepository media = new InMemoryMediaRepository();
    /** When requestUpload made every item here; its objects land half a minute later. */
    public static final Instant CREATED_AT = Instant.parse("2026-01-01T00:00:00Z");
    public final InMemoryMediaObjects objects = new InMemoryMediaObjects(CREATED_AT.plusSeconds(30));
    public final RecordingEventPublisher publisher = new RecordingEventPublisher();
    public final ProcessUpload processUpload;

    public MediaWorld(Path scratch) {
        FanOut fanOut = new FanOut(users -> users.contains(UPLOADER) ? UPLOADER_DEVICES : List.of(), publisher);
        processUpload = new ProcessUpload(media, objects, new ImageVersions(), new PdfPreview(), new UploaderNotices(fanOut),
                scratch);
    }

    /** requestUpload's item for {@code bytes} declared as {@code contentType}. */
    public Media pending(String mediaId, String contentType, long size, Long thumbnailSize) {
        boolean encrypted = MediaTypes.ENCRYPTED_CONTENT_TYPE.equals(contentType);
        MediaTypes.Kind kind = encrypted ? MediaTypes.Kind.ENCRYPTED : MediaTypes.of(contentType).orElseThrow().kind();
        Media item = Media.pending(mediaId, CONVERSATION, UPLOADER, "phone", contentType, kind, encrypted, size, thumbnailSize,
                CREATED_AT);
        media.create(item);
        return item;
    }

    /** The item, and its bytes uploaded where the form put them. */
    public MediaKeys.Upload upload(String mediaId, String contentType, byte[] bytes) {
        pending(mediaId, contentType, bytes.length, null);
        return put(mediaId, MediaKeys.PART_ORIGINAL, bytes, contentType);
    }

    public MediaKeys.Upload put(String mediaId, String part, byte[] bytes, String contentType) {
        MediaKeys.Upload upload = new MediaKeys.Upload(CONVERSATION, mediaId, part);
        objects.upload(upload.key(), bytes, contentType);
        return upload;
    }

    public static String version(String mediaId, String version) {
        return MediaKeys.version(CONVERSATION, mediaId, version);
    }

    /** The event types the uploader's devices got, in order, one per device. */
    public List<String> eventsSent() {
        return publisher.posts().stream().map(post -> post.frame().path("type").asText()).toList();
    }
}
