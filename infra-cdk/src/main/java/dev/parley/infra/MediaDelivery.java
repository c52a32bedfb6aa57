package dev.parley.infra;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.KeyGroup;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.PublicKey;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersCorsBehavior;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketAttributes;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * Downloads on AWS: a CloudFront distribution in front of the private media bucket. Every request
 * needs a CloudFront signed URL (canned policy) made with the key of this stack's key group;
 * getMediaUrl hands those out to members only, for {@code media/...} keys, as
 * {@code https://{domain}/{object key}}.
 *
 * <p>CloudFront reads the bucket through origin access control, and the bucket policy lets this
 * distribution read {@code media/*} only: unverified uploads are unreachable even with a valid
 * signature. (CDK's own OAC grant covers every key, so the origin is given an imported view of the
 * bucket, which CDK cannot add a policy to, and the narrow statement is added here.)
 *
 * <p>The signing key pair is made at deploy time by a small custom resource (its Node.js source is
 * {@code providers/media-signing-key/index.js}): the private key goes into a secret of this stack, the
 * public key into the key group. No one has to create or upload a key. Create generates an RSA 2048
 * key pair (CloudFront accepts RSA 2048 public keys only), writes the private key as PKCS#8 PEM into the
 * secret (PutSecretValue) and returns the public key (SPKI PEM) as the {@value #PUBLIC_KEY_ATTRIBUTE}
 * attribute. Update with the same SecretId derives the public key from the stored private key again, so
 * a redeploy keeps the key pair; Delete does nothing (the secret is its own resource). The private key
 * leaves Secrets Manager only for the function that signs URLs; it is never logged or returned. Locally (S3 presigned GET URLs) none of this
 * exists: local-env leaves the {@code MEDIA_CDN_*} variables unset.
 */
public final class MediaDelivery extends Construct {

    public static final String RESOURCE_TYPE = "Custom::MediaSigningKey";
    public static final String PUBLIC_KEY_ATTRIBUTE = "PublicKeyPem";

    private final Distribution distribution;
    private final PublicKey publicKey;
    private final Secret privateKey;

    /**
     * @param bucket the media bucket
     * @param mediaPrefix the only key prefix CloudFront may read
     * @param corsOrigins the browser origins that may fetch media (E2EE clients fetch ciphertext to decrypt it)
     * @param logRemovalPolicy what happens to the provider's log group when the stack is deleted
     */
    public record Props(Bucket bucket, String mediaPrefix, List<String> corsOrigins, RemovalPolicy logRemovalPolicy) {
        public Props {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(mediaPrefix, "mediaPrefix");
            Objects.requireNonNull(logRemovalPolicy, "logRemovalPolicy");
            corsOrigins = List.copyOf(corsOrigins);
            if (corsOrigins.isEmpty()) {
                throw new IllegalArgumentException("corsOrigins must name at least one origin");
            }
        }
    }

    public MediaDelivery(Construct scope, String id, Props props) {
        super(scope, id);
        var bucket = props.bucket();
        var mediaPrefix = props.mediaPrefix();
        privateKey = Secret.Builder.create(this, "SigningKey")
                .description("Parley: private key (PKCS#8 PEM) that signs CloudFront URLs of media; written at deploy time")
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Function provider = CustomResourceProvider.create(this, "SigningKeyProvider", "media-signing-key",
                "Generates the key pair that signs Parley's media URLs", props.logRemovalPolicy());
        provider.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("secretsmanager:PutSecretValue", "secretsmanager:GetSecretValue"))
                .resources(List.of(privateKey.getSecretArn()))
                .build());
        var keyPair = CustomResource.Builder.create(this, "SigningKeyPair")
                .resourceType(RESOURCE_TYPE)
                .serviceToken(provider.getFunctionArn())
                .properties(Map.of("SecretId", privateKey.getSecretArn()))
                .build();
        publicKey = PublicKey.Builder.create(this, "PublicKey")
                .encodedKey(keyPair.getAttString(PUBLIC_KEY_ATTRIBUTE))
                .comment("Parley media URL signing key (generated at deploy time)")
                .build();
        var keyGroup = KeyGroup.Builder.create(this, "KeyGroup").items(List.of(publicKey)).build();

        var originView = Bucket.fromBucketAttributes(this, "OriginBucket", BucketAttributes.builder()
                .bucketArn(bucket.getBucketArn())
                .bucketName(bucket.getBucketName())
                .bucketRegionalDomainName(bucket.getBucketRegionalDomainName())
                .build());
        distribution = Distribution.Builder.create(this, "Distribution")
                .comment("Parley media (signed URLs only)")
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(originView))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .responseHeadersPolicy(corsPolicy(props.corsOrigins()))
                        .trustedKeyGroups(List.of(keyGroup))
                        .build())
                .build();
        Annotations.of(this).acknowledgeWarning("@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac",
                "The bucket policy statement for this distribution is added below, narrowed to " + mediaPrefix + "*");
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("cloudfront.amazonaws.com")))
                .actions(List.of("s3:GetObject"))
                .resources(List.of(bucket.arnForObjects(mediaPrefix + "*")))
                .conditions(Map.of("StringEquals", Map.of("AWS:SourceArn", Stack.of(this).formatArn(
                        ArnComponents.builder()
                                .service("cloudfront").region("").resource("distribution")
                                .resourceName(distribution.getDistributionId())
                                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                                .build()))))
                .build());
    }

    /** CloudFront answers CORS itself: S3's CORS headers would vary by Origin, which the cache key ignores. */
    private ResponseHeadersPolicy corsPolicy(List<String> origins) {
        return ResponseHeadersPolicy.Builder.create(this, "Cors")
                .comment("Parley media: browser fetches from the allowed origins")
                .corsBehavior(ResponseHeadersCorsBehavior.builder()
                        .accessControlAllowOrigins(origins)
                        .accessControlAllowMethods(List.of("GET", "HEAD"))
                        .accessControlAllowHeaders(List.of("*"))
                        .accessControlAllowCredentials(false)
                        .originOverride(true)
                        .build())
                .build();
    }

    /** {@code MEDIA_CDN_*}: what getMediaUrl needs to sign CloudFront URLs. */
    public Map<String, String> environment() {
        return Map.of(
                FunctionEnvironment.MEDIA_CDN_DOMAIN, distribution.getDistributionDomainName(),
                FunctionEnvironment.MEDIA_CDN_KEY_PAIR_ID, publicKey.getPublicKeyId(),
                FunctionEnvironment.MEDIA_CDN_PRIVATE_KEY_SECRET, privateKey.getSecretArn());
    }

    /** Reading the private key, once per cold start. */
    public void grantSigning(IGrantable grantee) {
        privateKey.grantRead(grantee);
    }

    public Distribution distribution() {
        return distribution;
    }
}
