package dev.parley.functions.config;

import java.net.URI;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Configuration of media: the bucket, the media table, where S3 is, and the CloudFront
 * distribution that serves downloads on AWS.
 *
 * @param region      {@code AWS_REGION}
 * @param bucket      {@code MEDIA_BUCKET}
 * @param mediaTable  {@code MEDIA_TABLE}
 * @param s3Endpoint  an emulator's S3 endpoint, when one is set (see {@link #from(Environment, UnaryOperator)});
 *                    S3 is then addressed path-style, since emulators serve no per-bucket host names
 * @param cdn         CloudFront signing, when all three {@code MEDIA_CDN_*} variables are set; otherwise URLs
 *                    are S3 presigned GETs (local runs)
 */
public record MediaConfig(String region, String bucket, String mediaTable, Optional<URI> s3Endpoint, Optional<Cdn> cdn) {
    public static final String MEDIA_BUCKET = "MEDIA_BUCKET";
    public static final String MEDIA_TABLE = "MEDIA_TABLE";
    public static final String MEDIA_CDN_DOMAIN = "MEDIA_CDN_DOMAIN";
    public static final String MEDIA_CDN_KEY_PAIR_ID = "MEDIA_CDN_KEY_PAIR_ID";
    public static final String MEDIA_CDN_PRIVATE_KEY_SECRET = "MEDIA_CDN_PRIVATE_KEY_SECRET";
    /** The standard SDK settings that point S3 calls at an emulator, most specific first. */
    public static final String S3_ENDPOINT = "AWS_ENDPOINT_URL_S3";
    public static final String ENDPOINT = "AWS_ENDPOINT_URL";
    public static final String ENDPOINT_PROPERTY = "aws.endpointUrl";

    /**
     * CloudFront signed URLs with a canned policy.
     *
     * @param domain           {@code MEDIA_CDN_DOMAIN}, the distribution's host name (no scheme)
     * @param keyPairId        {@code MEDIA_CDN_KEY_PAIR_ID}, the id of the public key in the distribution's key group
     * @param privateKeySecret {@code MEDIA_CDN_PRIVATE_KEY_SECRET}, the Secrets Manager secret holding the PEM private key
     */
    public record Cdn(String domain, String keyPairId, String privateKeySecret) {
    }

    /** {@code AWS_REGION}, for the parts that need only the media table. */
    public static String region(Environment environment) {
        return AwsRegion.from(environment);
    }

    public static MediaConfig from(Environment environment) {
        return from(environment, System::getProperty);
    }

    /**
     * The S3 endpoint override is env {@value #S3_ENDPOINT}, env {@value #ENDPOINT} or system property
     * {@value #ENDPOINT_PROPERTY}, in that order: the settings the SDK itself honours, read here because
     * path-style addressing and the form's URL depend on whether one is set. 127.0.0.1 becomes
     * localhost, which moto and browsers treat alike, but S3 clients and browsers handle better in
     * presigned URLs.
     */
    public static MediaConfig from(Environment environment, UnaryOperator<String> systemProperty) {
        Optional<URI> endpoint = environment.optional(S3_ENDPOINT)
                .or(() -> environment.optional(ENDPOINT))
                .or(() -> Optional.ofNullable(systemProperty.apply(ENDPOINT_PROPERTY)).filter(s -> !s.isBlank()))
                .map(MediaConfig::endpoint);
        Optional<String> domain = environment.optional(MEDIA_CDN_DOMAIN);
        Optional<String> keyPairId = environment.optional(MEDIA_CDN_KEY_PAIR_ID);
        Optional<String> secret = environment.optional(MEDIA_CDN_PRIVATE_KEY_SECRET);
        Optional<Cdn> cdn = Optional.empty();
        if (domain.isPresent() || keyPairId.isPresent() || secret.isPresent()) {
            if (domain.isEmpty() || keyPairId.isEmpty() || secret.isEmpty()) {
                throw new ConfigurationException("Set all of " + MEDIA_CDN_DOMAIN + ", " + MEDIA_CDN_KEY_PAIR_ID + " and "
                        + MEDIA_CDN_PRIVATE_KEY_SECRET + ", or none (S3 presigned URLs).");
            }
            cdn = Optional.of(new Cdn(domain.get(), keyPairId.get(), secret.get()));
        }
        return new MediaConfig(AwsRegion.from(environment), environment.required(MEDIA_BUCKET),
                environment.required(MEDIA_TABLE), endpoint, cdn);
    }

    private static URI endpoint(String value) {
        String url = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("The S3 endpoint is not a URL: " + value);
        }
        if (uri.getHost() == null) {
            throw new ConfigurationException("The S3 endpoint is not an http(s) URL: " + value);
        }
        return "127.0.0.1".equals(uri.getHost()) ? URI.create(url.replaceFirst("127\\.0\\.0\\.1", "localhost")) : uri;
    }
}
