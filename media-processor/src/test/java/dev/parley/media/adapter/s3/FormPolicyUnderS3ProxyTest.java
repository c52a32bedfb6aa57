package dev.parley.media.adapter.s3;

import dev.parley.functions.adapter.s3.S3UploadForms;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.media.InMemoryMediaRepository;
import dev.parley.functions.domain.media.Media;
import dev.parley.functions.domain.media.MediaKeys;
import dev.parley.functions.testing.FormPost;
import dev.parley.functions.testing.S3ProxyServer;
import dev.parley.media.domain.ImageVersions;
import dev.parley.media.domain.PdfPreview;
import dev.parley.media.domain.ProcessUpload;
import dev.parley.media.domain.UploaderNotices;
import dev.parley.media.testing.TestImages;
import dev.parley.model.Limits;
import dev.parley.model.MediaTypes;
import dev.parley.model.v1.UploadForm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads that break their form's policy, end to end under S3Proxy with SigV4 authorization: a real
 * form from {@link S3UploadForms}, a real multipart POST, then the processor reading the bucket
 * through {@link S3MediaObjects}.
 *
 * <p>On AWS, S3 itself answers such a POST with 400 or 403 and stores nothing. S3Proxy checks the
 * signature over the policy but not its conditions (expiration, content-length-range, eq
 * Content-Type), and moto checks nothing, so these tests first show the store accepted the upload
 * and then that Parley refuses it anyway: the item is FAILED, the object is gone and the uploader
 * is told. Tampering with the signed policy itself is refused by S3Proxy (S3UploadFormsTest).
 */
class FormPolicyUnderS3ProxyTest {
    @RegisterExtension
    static final S3ProxyServer S3_PROXY = new S3ProxyServer();

    private static final String BUCKET = "media-" + UUID.randomUUID();
    private static final String CONVERSATION = "g_0123456789abcdef0123456789abcdef";
    private static final String UPLOADER = "u_alice";
    private static final byte[] PHOTO = TestImages.jpeg(800, 600);

    private static S3Client s3;

    @TempDir
    Path scratch;

    private final InMemoryMediaRepository media = new InMemoryMediaRepository();
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();

    @BeforeAll
    static void createBucket() {
        S3_PROXY.blobStore().createContainerInLocation(null, BUCKET);
        s3 = S3Client.builder().endpointOverride(S3_PROXY.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                // S3Proxy answers 501 to the SDK's default checksum headers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    private ProcessUpload processUpload() {
        FanOut fanOut = new FanOut(users -> users.contains(UPLOADER)
                ? List.of(new Recipient(UPLOADER, "conn-phone", "phone")) : List.of(), publisher);
        return new ProcessUpload(media, new S3MediaObjects(s3, BUCKET), new ImageVersions(), new PdfPreview(),
                new UploaderNotices(fanOut), scratch);
    }

    /** What requestUpload does: the pending item, then a form signed at {@code now} that expires 5 minutes later. */
    private UploadForm requestUpload(String mediaId, long size, Instant now) {
        media.create(Media.pending(mediaId, CONVERSATION, UPLOADER, "phone", "image/jpeg", MediaTypes.Kind.IMAGE, false,
                size, null, now));
        S3UploadForms forms = new S3UploadForms(BUCKET, "us-east-1", Optional.of(S3_PROXY.endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)),
                Clock.fixed(now, ZoneOffset.UTC));
        return forms.form(key(mediaId), "image/jpeg", size, now.plusSeconds(Limits.UPLOAD_FORM_EXPIRY_SECONDS));
    }

    private static String key(String mediaId) {
        return MediaKeys.upload(CONVERSATION, mediaId, MediaKeys.PART_ORIGINAL);
    }

    private static String mediaId() {
        return "m_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static void assertStoredByTheProxy(HttpResponse<String> response, String mediaId) {
        assertThat(response.statusCode()).as("S3Proxy does not enforce policy conditions: %s", response.body())
                .isBetween(200, 204);
        assertThat(S3_PROXY.blobStore().blobExists(BUCKET, key(mediaId))).isTrue();
    }

    private void assertRefused(String mediaId, String code) {
        assertThat(processUpload().process(new MediaKeys.Upload(CONVERSATION, mediaId, MediaKeys.PART_ORIGINAL)))
                .isEqualTo(ProcessUpload.Outcome.FAILED);
        Media failed = media.find(mediaId).orElseThrow();
        assertThat(failed.status()).isEqualTo(Media.Status.FAILED);
        assertThat(failed.failureCode()).isEqualTo(code);
        assertThat(S3_PROXY.blobStore().blobExists(BUCKET, key(mediaId))).as("the upload is deleted").isFalse();
        assertThat(S3_PROXY.blobStore().list(BUCKET).stream().map(item -> item.getName()).filter(name -> name.contains(mediaId)))
                .as("nothing of the item is served").isEmpty();
        assertThat(publisher.posts()).singleElement().satisfies(post -> {
            assertThat(post.frame().path("type").asText()).isEqualTo("mediaFailed");
            assertThat(post.frame().path("mediaId").asText()).isEqualTo(mediaId);
            assertThat(post.frame().path("code").asText()).isEqualTo(code);
        });
    }

    @Test
    void an_upload_that_keeps_to_its_form_is_processed() throws Exception {
        String mediaId = mediaId();
        UploadForm form = requestUpload(mediaId, PHOTO.length, Instant.now());

        assertStoredByTheProxy(FormPost.send(form, PHOTO), mediaId);

        assertThat(processUpload().process(new MediaKeys.Upload(CONVERSATION, mediaId, MediaKeys.PART_ORIGINAL)))
                .isEqualTo(ProcessUpload.Outcome.READY);
        assertThat(media.find(mediaId).orElseThrow().versions()).containsExactlyInAnyOrder("display", "thumb");
        assertThat(S3_PROXY.blobStore().blobExists(BUCKET, MediaKeys.version(CONVERSATION, mediaId, "thumb"))).isTrue();
        assertThat(S3_PROXY.blobStore().blobExists(BUCKET, key(mediaId))).isFalse();
    }

    @Test
    void a_file_larger_than_the_form_allows_is_refused() throws Exception {
        String mediaId = mediaId();
        UploadForm form = requestUpload(mediaId, PHOTO.length, Instant.now());
        byte[] larger = Arrays.copyOf(PHOTO, PHOTO.length * 2);

        assertStoredByTheProxy(FormPost.send(form, larger), mediaId);

        assertRefused(mediaId, MediaTypes.FAILURE_SIZE_MISMATCH);
    }

    @Test
    void a_file_sent_with_another_content_type_than_the_form_fixed_is_refused() throws Exception {
        String mediaId = mediaId();
        UploadForm form = requestUpload(mediaId, PHOTO.length, Instant.now());
        Map<String, String> fields = new LinkedHashMap<>(form.fields());
        fields.put("Content-Type", "text/html");

        assertStoredByTheProxy(FormPost.send(form.url(), fields, PHOTO), mediaId);

        assertRefused(mediaId, MediaTypes.FAILURE_TYPE_MISMATCH);
    }

    @Test
    void a_post_long_after_its_form_expired_is_refused() throws Exception {
        String mediaId = mediaId();
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        UploadForm expired = requestUpload(mediaId, PHOTO.length, longAgo);

        assertStoredByTheProxy(FormPost.send(expired, PHOTO), mediaId);

        assertRefused(mediaId, MediaTypes.FAILURE_EXPIRED);
    }
}
