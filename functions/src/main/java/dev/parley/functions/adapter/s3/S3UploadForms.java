package dev.parley.functions.adapter.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parley.functions.domain.media.UploadForms;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.UploadForm;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Presigned S3 POST forms, signed with Signature Version 4. The AWS SDK for Java v2 presigns GET
 * and PUT but has no POST presigner, and POST is what browsers can send with a form and what lets
 * S3 enforce an exact size ({@code content-length-range}); a presigned PUT cannot.
 *
 * <p>The policy allows one object: the bucket, the key ({@code eq}), the Content-Type ({@code eq}),
 * exactly {@code size} bytes, until the expiration. Its signature is the SigV4 HMAC chain
 * (date, region, "s3", "aws4_request") over the base64 policy, computed locally: no AWS call.
 * Temporary credentials (Lambda's) add {@code x-amz-security-token} to the fields and the policy.
 *
 * <p>The form's URL is the bucket's virtual-hosted endpoint on AWS, or {@code {endpoint}/{bucket}}
 * (path-style) when an emulator's endpoint is configured.
 */
public final class S3UploadForms implements UploadForms {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String bucket;
    private final String region;
    private final String url;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;

    /** @param endpoint an emulator's S3 endpoint, or empty for AWS */
    public S3UploadForms(String bucket, String region, Optional<URI> endpoint, AwsCredentialsProvider credentials, Clock clock) {
        this.bucket = bucket;
        this.region = region;
        this.url = endpoint.map(uri -> withoutTrailingSlash(uri.toString()) + "/" + bucket)
                .orElse("https://" + bucket + ".s3." + region + ".amazonaws.com");
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public UploadForm form(String key, String contentType, long size, Instant expiresAt) {
        AwsCredentials signer = credentials.resolveCredentials();
        Instant now = clock.instant();
        String date = DATE_STAMP.format(now);
        String credential = signer.accessKeyId() + "/" + date + "/" + region + "/s3/aws4_request";
        String token = signer instanceof AwsSessionCredentials session ? session.sessionToken() : null;

        Map<String, String> signedFields = new LinkedHashMap<>();
        signedFields.put("x-amz-algorithm", ALGORITHM);
        signedFields.put("x-amz-credential", credential);
        signedFields.put("x-amz-date", AMZ_DATE.format(now));
        if (token != null) {
            signedFields.put("x-amz-security-token", token);
        }
        List<Object> conditions = new ArrayList<>();
        conditions.add(Map.of("bucket", bucket));
        conditions.add(List.of("eq", "$key", key));
        conditions.add(List.of("eq", "$Content-Type", contentType));
        conditions.add(List.of("content-length-range", size, size));
        signedFields.forEach((name, value) -> conditions.add(Map.of(name, value)));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("expiration", EXPIRATION.format(expiresAt.truncatedTo(ChronoUnit.MILLIS)));
        policy.put("conditions", conditions);
        String encodedPolicy = Base64.getEncoder().encodeToString(json(policy).getBytes(StandardCharsets.UTF_8));

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("Content-Type", contentType);
        fields.put("policy", encodedPolicy);
        fields.putAll(signedFields);
        fields.put("x-amz-signature", sign(signer.secretAccessKey(), date, encodedPolicy));
        return new UploadForm(url, fields);
    }

    /** SigV4: the signing key derived from the secret and the credential scope, then HMAC of the base64 policy, hex. */
    private String sign(String secretAccessKey, String date, String encodedPolicy) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, encodedPolicy));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static String json(Object value) {
        try {
            return ProtocolCodec.instance().mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a policy is plain maps and lists", e);
        }
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
