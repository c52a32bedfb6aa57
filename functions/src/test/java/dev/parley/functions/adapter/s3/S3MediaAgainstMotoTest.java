package dev.parley.functions.adapter.s3;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.config.Environment;
import dev.parley.functions.config.MediaConfig;
import dev.parley.functions.testing.FormPost;
import dev.parley.functions.testing.MotoServer;
import dev.parley.model.v1.UploadForm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forms and download URLs against moto, as local runs use them: moto enforces no policy or
 * signature, but the form must be well-formed for it to store the object, and the presigned GET
 * must address the object path-style on moto's endpoint (from the same settings the SDK reads).
 */
class S3MediaAgainstMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String BUCKET = "media-" + UUID.randomUUID();
    private static MediaConfig config;
    private static AwsClients aws;
    private static S3Client s3;

    @BeforeAll
    static void createBucket() {
        config = MediaConfig.from(new Environment(Map.of("AWS_REGION", "us-east-1", "MEDIA_BUCKET", BUCKET,
                "MEDIA_TABLE", "unused")));
        aws = new AwsClients(config.region(), new AwsCallCounter());
        s3 = aws.s3(config.s3Endpoint());
        s3.createBucket(create -> create.bucket(BUCKET));
    }

    @Test
    void a_form_uploads_to_moto_and_the_presigned_url_downloads_the_same_bytes() throws Exception {
        byte[] pdf = "%PDF-1.7 a tiny document".getBytes(StandardCharsets.UTF_8);
        String key = "uploads/g_0123456789abcdef0123456789abcdef/m_abc/original";
        UploadForm form = new S3UploadForms(BUCKET, config.region(), config.s3Endpoint(), aws.credentials(), Clock.systemUTC())
                .form(key, "application/pdf", pdf.length, Instant.now().plusSeconds(300));

        HttpResponse<String> uploaded = FormPost.send(form, pdf);
        HeadObjectResponse head = s3.headObject(object -> object.bucket(BUCKET).key(key));
        String url = new S3MediaUrls(aws.s3Presigner(config.s3Endpoint()), BUCKET, Clock.systemUTC())
                .url(key, Instant.now().plusSeconds(900));
        HttpResponse<byte[]> downloaded = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(uploaded.statusCode()).as(uploaded.body()).isBetween(200, 204);
        assertThat(form.url()).startsWith("http://localhost:").endsWith("/" + BUCKET);
        assertThat(head.contentLength()).isEqualTo(pdf.length);
        assertThat(head.contentType()).isEqualTo("application/pdf");
        assertThat(url).startsWith("http://localhost:" + MOTO.endpoint().getPort() + "/" + BUCKET + "/" + key + "?")
                .contains("X-Amz-Expires=");
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo(pdf);
    }
}
