package dev.parley.it;

import dev.parley.model.ErrorCode;
import dev.parley.model.MediaTypes;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.GetMediaUrlReply;
import dev.parley.model.v1.GetMediaUrlRequest;
import dev.parley.model.v1.MediaDescriptor;
import dev.parley.model.v1.MediaFailedEvent;
import dev.parley.model.v1.MediaReadyEvent;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.RequestUploadReply;
import dev.parley.model.v1.RequestUploadRequest;
import dev.parley.model.v1.SendMessageReply;
import dev.parley.model.v1.SendMessageRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Media over real sockets and real uploads (docs/protocol/media.md): a form from requestUpload
 * uploads straight to the bucket, the processor verifies and processes the file on its own, the
 * uploader hears mediaReady or mediaFailed, a message carries the descriptors to every member,
 * and only members get download URLs. What S3 alone enforces (the POST policy) is tested in
 * functions against S3Proxy, since moto ignores policies.
 */
class MediaTest extends WithThreeUsers {
    /** Processing runs behind an S3 notification and a queue: allow for a cold processor. */
    private static final Duration PROCESSED = Duration.ofSeconds(30);

    private static MediaReadyEvent awaitReady(Device device, String mediaId) {
        return device.awaitEvent(Actions.MEDIA_READY_EVENT, p -> p.path("media").path("mediaId").asText().equals(mediaId),
                MediaReadyEvent.class, PROCESSED, "mediaReady " + mediaId);
    }

    private static RequestUploadReply requestUpload(Device device, String conversationId, String contentType, byte[] bytes,
                                                    boolean encrypted) {
        return device.call(Actions.REQUEST_UPLOAD,
                new RequestUploadRequest(conversationId, contentType, (long) bytes.length, encrypted, null), RequestUploadReply.class);
    }

    @Test
    void a_photo_is_uploaded_processed_sent_with_its_descriptor_and_downloaded_by_a_member() throws Exception {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob)) {
            String id = a.createGroup("photos", false, bob.userId()).conversationId();
            byte[] photo = MediaFiles.jpeg(2000, 1500);

            RequestUploadReply upload = requestUpload(a, id, "image/jpeg", photo, false);
            assertThat(upload.mediaId()).matches("m_[a-z2-7]{26}");
            assertThat(upload.upload().fields()).containsEntry("Content-Type", "image/jpeg");
            assertThat(MediaFiles.post(upload.upload(), photo, "image/jpeg")).as("S3 accepts the form").isBetween(200, 299);

            MediaDescriptor ready = awaitReady(a, upload.mediaId()).media();
            assertThat(ready.kind()).isEqualTo("image");
            assertThat(ready.versions()).containsExactlyInAnyOrder(MediaTypes.VERSION_DISPLAY, MediaTypes.VERSION_THUMB);
            assertThat(List.of(ready.width(), ready.height())).as("display version: 1600 on the long side").containsExactly(1600, 1200);

            SendMessageReply sent = a.call(Actions.SEND_MESSAGE, new SendMessageRequest(id, Device.uniqueId("m"), "look",
                    null, null, null, List.of(upload.mediaId())), SendMessageReply.class);
            MessageEvent received = b.awaitMessage(id, sent.seq());
            assertThat(received.media()).singleElement().isEqualTo(ready);

            GetMediaUrlReply urls = b.call(Actions.GET_MEDIA_URL,
                    new GetMediaUrlRequest(id, upload.mediaId(), null), GetMediaUrlReply.class);
            assertThat(urls.urls()).containsOnlyKeys(MediaTypes.VERSION_DISPLAY, MediaTypes.VERSION_THUMB);
            assertThat(urls.expiresAt()).isGreaterThan(System.currentTimeMillis());
            assertThat(MediaFiles.dimensions(MediaFiles.get(urls.urls().get(MediaTypes.VERSION_THUMB))))
                    .as("thumbnail: 320 on the long side").containsExactly(320, 240);
        }
    }

    @Test
    void a_png_declared_as_jpeg_is_refused_deleted_and_cannot_be_sent() throws Exception {
        try (Device a = Device.connect(alice)) {
            String id = a.createGroup("liars", false, bob.userId()).conversationId();
            byte[] png = MediaFiles.png(64, 64);

            RequestUploadReply upload = requestUpload(a, id, "image/jpeg", png, false);
            MediaFiles.post(upload.upload(), png, "image/jpeg");

            MediaFailedEvent failed = a.awaitEvent(Actions.MEDIA_FAILED_EVENT, Device.field("mediaId", upload.mediaId()),
                    MediaFailedEvent.class, PROCESSED, "mediaFailed " + upload.mediaId());
            assertThat(failed.code()).isEqualTo(MediaTypes.FAILURE_TYPE_MISMATCH);
            assertThat(failed.reason()).contains("image/jpeg");
            a.refused(Actions.SEND_MESSAGE, new SendMessageRequest(id, Device.uniqueId("m"), null, null, null, null,
                    List.of(upload.mediaId())), ErrorCode.BAD_REQUEST);
            a.assertAlive();
        }
    }

    @Test
    void encrypted_media_comes_back_byte_for_byte() throws Exception {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob)) {
            String id = a.createGroup("sealed", true, bob.userId()).conversationId();
            byte[] sealed = new byte[50_000];
            new Random(7).nextBytes(sealed);

            a.refused(Actions.REQUEST_UPLOAD, new RequestUploadRequest(id, "image/jpeg", 1000L, false, null), ErrorCode.BAD_REQUEST);
            RequestUploadReply upload = requestUpload(a, id, MediaTypes.ENCRYPTED_CONTENT_TYPE, sealed, true);
            MediaFiles.post(upload.upload(), sealed, MediaTypes.ENCRYPTED_CONTENT_TYPE);
            MediaDescriptor ready = awaitReady(a, upload.mediaId()).media();
            assertThat(ready.encrypted()).isTrue();
            assertThat(ready.versions()).containsExactly(MediaTypes.VERSION_ORIGINAL);

            GetMediaUrlReply urls = b.call(Actions.GET_MEDIA_URL,
                    new GetMediaUrlRequest(id, upload.mediaId(), List.of(MediaTypes.VERSION_ORIGINAL)), GetMediaUrlReply.class);
            assertThat(MediaFiles.get(urls.urls().get(MediaTypes.VERSION_ORIGINAL))).isEqualTo(sealed);
        }
    }

    @Test
    void a_non_member_can_neither_upload_nor_get_a_url() throws Exception {
        try (Device a = Device.connect(alice); Device outsider = Device.connect(carol)) {
            String id = a.createGroup("members only", false, bob.userId()).conversationId();
            byte[] photo = MediaFiles.jpeg(400, 300);
            RequestUploadReply upload = requestUpload(a, id, "image/jpeg", photo, false);
            MediaFiles.post(upload.upload(), photo, "image/jpeg");
            awaitReady(a, upload.mediaId());

            outsider.refused(Actions.REQUEST_UPLOAD, new RequestUploadRequest(id, "image/jpeg", 1000L, false, null), ErrorCode.NOT_FOUND);
            outsider.refused(Actions.GET_MEDIA_URL, new GetMediaUrlRequest(id, upload.mediaId(), null), ErrorCode.NOT_FOUND);
            outsider.assertAlive();
        }
    }

    @Test
    void declared_types_and_sizes_outside_the_limits_are_refused_before_any_upload() {
        try (Device a = Device.connect(alice)) {
            String id = a.createGroup("limits", false, bob.userId()).conversationId();
            a.refused(Actions.REQUEST_UPLOAD, new RequestUploadRequest(id, "application/x-sh", 100L, false, null), ErrorCode.BAD_REQUEST);
            a.refused(Actions.REQUEST_UPLOAD, new RequestUploadRequest(id, "image/jpeg", 25 * MediaTypes.MB + 1, false, null),
                    ErrorCode.PAYLOAD_TOO_LARGE);
            a.refused(Actions.REQUEST_UPLOAD, new RequestUploadRequest(id, "image/jpeg", 1000L, false, 500L), ErrorCode.BAD_REQUEST);
            a.assertAlive();
        }
    }
}
