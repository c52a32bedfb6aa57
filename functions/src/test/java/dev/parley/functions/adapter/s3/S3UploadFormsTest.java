package dev.parley.functions.adapter.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.testing.FormPost;
import dev.parley.functions.testing.S3ProxyServer;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.UploadForm;
import org.jclouds.blobstore.domain.Blob;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upload forms against S3Proxy 2.6.0 with SigV4 authorization: it verifies a POST's signature over
 * its policy, so a form whose policy was changed, or that was signed with another secret, is
 * refused. It never reads the policy's conditions: its handlePostBlob has no code for
 * {@code expiration}, {@code content-length-range} or {@code eq}, and a tried oversized file, wrong
 * Content-Type, expired form and changed key field were all stored (204). What those conditions
 * enforce on AWS is therefore checked here by reading the signed policy; the processor re-checks
 * size and type in any case.
 */
class S3UploadFormsTest {
    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    private static final String BUCKET = "media-" + UUID.randomUUID();
    private static final Instant NOW = Instant.now();
    private static final byte[] FILE = "a small file of 27 bytes!!\n".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void createBucket() {
        S3.blobStore().createContainerInLocation(null, BUCKET);
    }

    private static S3UploadForms forms(String secret, Instant now) {
        return new S3UploadForms(BUCKET, "us-east-1", Optional.of(S3.endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, secret)),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static UploadForm form(String key) {
        return forms(S3ProxyServer.SECRET_KEY, NOW).form(key, "image/jpeg", FILE.length, NOW.plusSeconds(300));
    }

    private static String key() {
        return "uploads/g_0123456789abcdef0123456789abcdef/m_" + UUID.randomUUID().toString().replace("-", "") + "/original";
    }

    private static JsonNode policy(UploadForm form) throws Exception {
        return ProtocolCodec.instance().mapper().readTree(Base64.getDecoder().decode(form.fields().get("policy")));
    }

    @Test
    void a_correct_upload_is_stored_under_the_forms_key_with_its_content_type() throws Exception {
        String key = key();

        HttpResponse<String> response = FormPost.send(form(key), FILE);

        assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
        Blob stored = S3.blobStore().getBlob(BUCKET, key);
        assertThat(stored).isNotNull();
        assertThat(stored.getPayload().openStream().readAllBytes()).isEqualTo(FILE);
        assertThat(stored.getMetadata().getContentMetadata().getContentType()).isEqualTo("image/jpeg");
    }

    @Test
    void a_form_whose_policy_was_widened_is_refused() throws Exception {
        String key = key();
        UploadForm form = form(key);
        String widened = new String(Base64.getDecoder().decode(form.fields().get("policy")), StandardCharsets.UTF_8)
                .replace("[\"content-length-range\"," + FILE.length + "," + FILE.length + "]",
                        "[\"content-length-range\",1,1000000000]");
        assertThat(widened).contains("1000000000");
        Map<String, String> fields = new LinkedHashMap<>(form.fields());
        fields.put("policy", Base64.getEncoder().encodeToString(widened.getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> response = FormPost.send(form.url(), fields, new byte[2 * FILE.length]);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(S3.blobStore().blobExists(BUCKET, key)).isFalse();
    }

    @Test
    void a_form_signed_with_another_secret_is_refused() throws Exception {
        String key = key();
        UploadForm forged = forms("not-the-secret", NOW).form(key, "image/jpeg", FILE.length, NOW.plusSeconds(300));

        HttpResponse<String> response = FormPost.send(forged, FILE);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(S3.blobStore().blobExists(BUCKET, key)).isFalse();
    }

    @Test
    void the_signed_policy_fixes_bucket_key_type_exact_size_and_expiry() throws Exception {
        String key = key();
        Instant expiresAt = Instant.parse("2026-03-01T12:05:00.123Z");

        UploadForm form = forms(S3ProxyServer.SECRET_KEY, Instant.parse("2026-03-01T12:00:00Z"))
                .form(key, "video/mp4", 5_000_000, expiresAt);

        JsonNode policy = policy(form);
        assertThat(policy.get("expiration").asText()).isEqualTo("2026-03-01T12:05:00.123Z");
        assertThat(policy.get("conditions").toString()).contains(
                "{\"bucket\":\"" + BUCKET + "\"}",
                "[\"eq\",\"$key\",\"" + key + "\"]",
                "[\"eq\",\"$Content-Type\",\"video/mp4\"]",
                "[\"content-length-range\",5000000,5000000]",
                "{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"}",
                "{\"x-amz-credential\":\"" + S3ProxyServer.ACCESS_KEY + "/20260301/us-east-1/s3/aws4_request\"}",
                "{\"x-amz-date\":\"20260301T120000Z\"}");
        assertThat(form.fields()).containsEntry("key", key).containsEntry("Content-Type", "video/mp4")
                .containsEntry("x-amz-date", "20260301T120000Z").doesNotContainKey("x-amz-security-token");
        assertThat(form.url()).isEqualTo(S3.endpoint() + "/" + BUCKET);
    }

    @Test
    void temporary_credentials_put_their_session_token_in_the_form_and_the_policy() throws Exception {
        S3UploadForms forms = new S3UploadForms(BUCKET, "eu-west-1", Optional.empty(),
                StaticCredentialsProvider.create(AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "session-token")),
                Clock.fixed(NOW, ZoneOffset.UTC));

        UploadForm form = forms.form(key(), "image/png", 10, NOW.plusSeconds(300));

        assertThat(form.fields()).containsEntry("x-amz-security-token", "session-token");
        assertThat(policy(form).get("conditions").toString()).contains("{\"x-amz-security-token\":\"session-token\"}");
        assertThat(form.url()).isEqualTo("https://" + BUCKET + ".s3.eu-west-1.amazonaws.com");
    }
}
