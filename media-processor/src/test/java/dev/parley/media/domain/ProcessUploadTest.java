package dev.parley.media.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.domain.media.Media;
import dev.parley.functions.domain.media.MediaKeys;
import dev.parley.media.testing.Metadata;
import dev.parley.media.testing.TestImages;
import dev.parley.model.Limits;
import dev.parley.model.MediaTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

import static dev.parley.media.domain.MediaWorld.version;
import static org.assertj.core.api.Assertions.assertThat;

class ProcessUploadTest {
    @TempDir
    Path scratch;

    @Test
    void givenAPhotoWithGps_thenDisplayAndThumbAreStoredWithoutMetadata_theUploadIsGone_andTheUploaderIsTold() throws Exception {
        MediaWorld world = new MediaWorld(scratch);
        MediaKeys.Upload upload = world.upload("m_photo", "image/jpeg", TestImages.photoWithGps(4000, 3000, 1));

        assertThat(world.processUpload.process(upload)).isEqualTo(ProcessUpload.Outcome.READY);

        byte[] display = world.objects.get(version("m_photo", "display")).orElseThrow().bytes();
        byte[] thumb = world.objects.get(version("m_photo", "thumb")).orElseThrow().bytes();
        assertThat(ImageVersionsTest.dimensions(display)).containsExactly(1600, 1200);
        assertThat(ImageVersionsTest.dimensions(thumb)).containsExactly(320, 240);
        assertThat(Metadata.hasGps(display) || Metadata.hasGps(thumb)).isFalse();
        assertThat(world.objects.keys()).containsExactlyInAnyOrder(version("m_photo", "display"), version("m_photo", "thumb"));
        Media ready = world.media.find("m_photo").orElseThrow();
        assertThat(ready.status()).isEqualTo(Media.Status.READY);
        assertThat(ready.versions()).containsExactlyInAnyOrder("display", "thumb");
        assertThat(ready.width()).isEqualTo(1600);
        assertThat(world.eventsSent()).containsExactly("mediaReady", "mediaReady");
        JsonNode event = world.publisher.posts().getFirst().frame();
        assertThat(event.path("conversationId").asText()).isEqualTo(MediaWorld.CONVERSATION);
        assertThat(event.path("media").path("mediaId").asText()).isEqualTo("m_photo");
        assertThat(event.path("media").path("height").asInt()).isEqualTo(1200);
    }

    @Test
    void givenAPngDeclaredAsJpeg_thenItIsRefused_theObjectIsGone_andTheUploaderIsTold() {
        MediaWorld world = new MediaWorld(scratch);
        MediaKeys.Upload upload = world.upload("m_png", "image/jpeg", TestImages.transparentPng(64, 64));

        assertThat(world.processUpload.process(upload)).isEqualTo(ProcessUpload.Outcome.FAILED);

        assertRefused(world, "m_png", MediaTypes.FAILURE_TYPE_MISMATCH);
        assertThat(world.media.find("m_png").orElseThrow().failureReason()).contains("image/png");
    }

    @Test
    void givenAScriptRenamedToJpg_thenItIsRefused_andTheObjectIsGone() {
        MediaWorld world = new MediaWorld(scratch);
        MediaKeys.Upload upload = world.upload("m_script", "image/jpeg", TestImages.shellScript());

        assertThat(world.processUpload.process(upload)).isEqualTo(ProcessUpload.Outcome.FAILED);

        assertRefused(world, "m_script", MediaTypes.FAILURE_TYPE_MISMATCH);
    }

    @Test
    void givenAScriptDeclaredAsVideo_thenItIsRefusedFromItsFirstBytes_andNothingIsCopied() {
        MediaWorld world = new MediaWorld(scratch);
        MediaKeys.Upload upload = world.upload("m_fake_video", "video/mp4", TestImages.shellScript());

        assertThat(world.processUpload.process(upload)).isEqualTo(ProcessUpload.Outcome.FAILED);

        assertRefused(world, "m_fake_video", MediaTypes.FAILURE_TYPE_MISMATCH);
        assertThat(world.objects.get(version("m_fake_video", "original"))).isEmpty();
    }

    @Test
    void givenAnUploadOfAnotherSizeThanDeclared_thenItIsRefused() {
        MediaWorld world = new MediaWorld(scratch);
        byte[] photo = TestImages.jpeg(64, 64);
        world.pending("m_size", "image/jpeg", photo.length + 1, null);
        MediaKeys.Upload upload = world.put("m_size", MediaKeys.PART_ORIGINAL, photo, "image/jpeg");

        assertThat(world.processUpload.process(upload)).isEqualTo(ProcessUpload.Outcome.FAILED);

        assertRefused(world, "m_size", MediaTypes.FAILURE_SIZE_MISMATCH);
    }

    @Test
    void givenRealJpegBytesSentWithAnotherContentTypeThanTheFormFixed_thenItIsRefused() {
        MediaWorld world = new MediaWorld(scratch);
        byte[] photo = TestImages.jpeg(64, 64);
        world.pending("m_sent_as_png", "image/jpeg", photo.length, null);
        MediaKeys.Upload upload = world.put("m_sent_as_png", MediaKeys.PART_ORIGINAL, photo, "image/png");

        assertThat(world.processUpload.process(upload)).isEqualTo(ProcessUpload.Outcome.FAILED);

        assertRefused(world, "m_sent_as_png", MediaTypes.FAILURE_TYPE_MISMATCH);
    }

    @Test
    void givenAnUploadStoredLongAfterItsFormExpired_thenItIsRefused_butOneStoredWithinTheGraceIsNot() {
        MediaWorld world = new MediaWorld(scratch);
        byte[] photo = TestImages.jpeg(64, 64);
        Instant expiry = MediaWorld.CREATED_AT.plusSeconds(Limits.UPLOAD_FORM_EXPIRY_SECONDS);
        world.pending("m_late", "image/jpeg", photo.length, null);
        world.pending("m_slow", "image/jpeg", photo.length, null);
        MediaKeys.Upload late = new MediaKeys.Upload(MediaWorld.CONVERSATION, "m_late", MediaKeys.PART_ORIGINAL);
        MediaKeys.Upload slow = new MediaKeys.Upload(MediaWorld.CONVERSATION, "m_slow", MediaKeys.PART_ORIGINAL);
        world.objects.upload(late.key(), photo, "image/jpeg", expiry.plus(ProcessUpload.LATE_UPLOAD_GRACE).plusSeconds(1));
        world.objects.upload(slow.key(), photo, "image/jpeg", expiry.plus(ProcessUpload.LATE_UPLOAD_GRACE));

        assertThat(world.processUpload.process(late)).isEqualTo(ProcessUpload.Outcome.FAILED);
        assertThat(world.processUpload.process(slow)).isEqualTo(ProcessUpload.Outcome.READY);

        assertThat(world.media.find("m_late").orElseThrow().failureCode()).isEqualTo(MediaTypes.FAILURE_EXPIRED);
        assertThat(world.objects.keys()).noneMatch(key -> key.contains("m_late"));
    }

    @Test
    void givenEncryptedMedia_thenTheBytesAndItsThumbnailAreStoredUntouched() {
        MediaWorld world = new MediaWorld(scratch);
        byte[] ciphertext = new byte[100_000];
        new Random(7).nextBytes(ciphertext);
        byte[] encryptedThumb = "an encrypted thumbnail".getBytes(StandardCharsets.UTF_8);
        world.pending("m_secret", MediaTypes.ENCRYPTED_CONTENT_TYPE, ciphertext.length, (long) encryptedThumb.length);
        MediaKeys.Upload thumb = world.put("m_secret", MediaKeys.PART_THUMB, encryptedThumb, MediaTypes.ENCRYPTED_CONTENT_TYPE);
        MediaKeys.Upload original = world.put("m_secret", MediaKeys.PART_ORIGINAL, ciphertext, MediaTypes.ENCRYPTED_CONTENT_TYPE);

        assertThat(world.processUpload.process(thumb)).isEqualTo(ProcessUpload.Outcome.VERSION_ADDED);
        assertThat(world.processUpload.process(original)).isEqualTo(ProcessUpload.Outcome.READY);

        assertThat(world.objects.get(version("m_secret", "original")).orElseThrow().bytes()).isEqualTo(ciphertext);
        assertThat(world.objects.get(version("m_secret", "thumb")).orElseThrow().bytes()).isEqualTo(encryptedThumb);
        assertThat(world.objects.keys()).noneMatch(key -> key.startsWith(MediaKeys.UPLOADS_PREFIX));
        assertThat(world.media.find("m_secret").orElseThrow().versions()).containsExactlyInAnyOrder("original", "thumb");
        assertThat(world.eventsSent()).as("only READY is announced").containsExactly("mediaReady", "mediaReady");
    }

    @Test
    void givenAPdf_thenItIsKeptWithAFirstPagePreview_andItsPageCount() throws Exception {
        MediaWorld world = new MediaWorld(scratch);
        byte[] pdf = TestImages.pdf(2);
        MediaKeys.Upload upload = world.upload("m_doc", "application/pdf", pdf);

        assertThat(world.processUpload.process(upload)).isEqualTo(ProcessUpload.Outcome.READY);

        assertThat(world.objects.get(version("m_doc", "original")).orElseThrow().bytes()).isEqualTo(pdf);
        assertThat(ImageVersionsTest.dimensions(world.objects.get(version("m_doc", "preview")).orElseThrow().bytes())[1])
                .isEqualTo(320);
        Media ready = world.media.find("m_doc").orElseThrow();
        assertThat(ready.pages()).isEqualTo(2);
        assertThat(ready.versions()).containsExactlyInAnyOrder("original", "preview");
    }

    @Test
    void givenAVideoWithAClientPoster_thenTheVideoIsKept_andThePosterIsReencodedWithoutMetadata() throws Exception {
        MediaWorld world = new MediaWorld(scratch);
        byte[] video = ("\0\0\0\u0018ftypisom" + "x".repeat(500)).getBytes(StandardCharsets.ISO_8859_1);
        byte[] poster = TestImages.photoWithGps(1280, 720, 1);
        world.pending("m_video", "video/mp4", video.length, (long) poster.length);
        MediaKeys.Upload original = world.put("m_video", MediaKeys.PART_ORIGINAL, video, "video/mp4");
        MediaKeys.Upload thumb = world.put("m_video", MediaKeys.PART_THUMB, poster, "image/jpeg");

        assertThat(world.processUpload.process(original)).isEqualTo(ProcessUpload.Outcome.READY);
        assertThat(world.processUpload.process(thumb)).isEqualTo(ProcessUpload.Outcome.VERSION_ADDED);

        byte[] storedPoster = world.objects.get(version("m_video", "thumb")).orElseThrow().bytes();
        assertThat(ImageVersionsTest.dimensions(storedPoster)).containsExactly(320, 180);
        assertThat(Metadata.hasGps(storedPoster)).isFalse();
        Media ready = world.media.find("m_video").orElseThrow();
        assertThat(ready.versions()).containsExactlyInAnyOrder("original", "thumb");
        assertThat(ready.width()).isEqualTo(320);
        assertThat(world.eventsSent()).as("ready, then again with the poster").hasSize(4);
    }

    @Test
    void givenARedeliveredNotification_thenNothingChangesTwice() throws Exception {
        MediaWorld world = new MediaWorld(scratch);
        MediaKeys.Upload upload = world.upload("m_twice", "image/jpeg", TestImages.jpeg(800, 600));
        world.processUpload.process(upload);

        assertThat(world.processUpload.process(upload)).isEqualTo(ProcessUpload.Outcome.ALREADY_PROCESSED);

        assertThat(world.eventsSent()).hasSize(2);
        assertThat(world.objects.keys()).hasSize(2);
    }

    @Test
    void givenAnUploadNoItemExpects_thenItIsDeleted() {
        MediaWorld world = new MediaWorld(scratch);
        MediaKeys.Upload stray = world.put("m_unknown", MediaKeys.PART_ORIGINAL, TestImages.jpeg(8, 8), "image/jpeg");

        assertThat(world.processUpload.process(stray)).isEqualTo(ProcessUpload.Outcome.DISCARDED);

        assertThat(world.objects.keys()).isEmpty();
        assertThat(world.eventsSent()).isEmpty();
    }

    private static void assertRefused(MediaWorld world, String mediaId, String code) {
        assertThat(world.objects.keys()).isEmpty();
        Media failed = world.media.find(mediaId).orElseThrow();
        assertThat(failed.status()).isEqualTo(Media.Status.FAILED);
        assertThat(failed.failureCode()).isEqualTo(code);
        assertThat(world.eventsSent()).containsExactly("mediaFailed", "mediaFailed");
        JsonNode event = world.publisher.posts().getFirst().frame();
        assertThat(event.path("mediaId").asText()).isEqualTo(mediaId);
        assertThat(event.path("code").asText()).isEqualTo(code);
    }
}
