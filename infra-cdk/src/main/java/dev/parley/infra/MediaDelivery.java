package dev.parley.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.certificatemanager.Certificate;
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
import software.amazon.awscdk.services.cloudfront.SecurityPolicyProtocol;
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
    private final String domainName;
    /** The generation that signs: its public key's id and its private key's secret go to getMediaUrl. */
    private final PublicKey signingPublicKey;
    private final Secret signingPrivateKey;

    /**
     * @param bucket the media bucket
     * @param mediaPrefix the only key prefix CloudFront may read
     * @param corsOrigins the browser origins that may fetch media (E2EE clients fetch ciphertext to decrypt it)
     * @param logRemovalPolicy what happens to the provider's log group when the stack is deleted
     * @param domain the distribution's own name and certificate; CloudFront's default domain when empty
     * @param signingKeys the key generations CloudFront trusts and the one that signs
     */
    public record Props(Bucket bucket, String mediaPrefix, List<String> corsOrigins, RemovalPolicy logRemovalPolicy,
                        Optional<DeploymentConfig.MediaDomain> domain, MediaSigningKeys signingKeys) {

        /** Served from CloudFront's default domain, signed with key generation 1. */
        public Props(Bucket bucket, String mediaPrefix, List<String> corsOrigins, RemovalPolicy logRemovalPolicy) {
            this(bucket, mediaPrefix, corsOrigins, logRemovalPolicy, Optional.empty(), MediaSigningKeys.defaults());
        }

        public Props {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(mediaPrefix, "mediaPrefix");
            Objects.requireNonNull(logRemovalPolicy, "logRemovalPolicy");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(signingKeys, "signingKeys");
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
        Function provider = CustomResourceProvider.create(this, "SigningKeyProvider", "media-signing-key",
                "Generates the key pair that signs Parley's media URLs", props.logRemovalPolicy());
        Map<Integer, PublicKey> publicKeys = new LinkedHashMap<>();
        Map<Integer, Secret> privateKeys = new LinkedHashMap<>();
        for (int generation : props.signingKeys().generations()) {
            Secret privateKey = Secret.Builder.create(this, MediaSigningKeys.constructId("SigningKey", generation))
                    .description("Parley: private key (PKCS#8 PEM) of media URL signing key generation " + generation
                            + "; written at deploy time")
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .build();
            RulePacks.suppress(privateKey, "AwsSolutions-SMG4", "Secrets Manager cannot rotate a CloudFront signing"
                    + " key alone: the key group must trust the new public key before URLs are signed with it. Rotation"
                    + " is a context change in three deploys (media.signingKeys, media.activeSigningKey; docs/deploy.md)");
            provider.addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(List.of("secretsmanager:PutSecretValue", "secretsmanager:GetSecretValue"))
                    .resources(List.of(privateKey.getSecretArn()))
                    .build());
            var keyPair = CustomResource.Builder.create(this, MediaSigningKeys.constructId("SigningKeyPair", generation))
                    .resourceType(RESOURCE_TYPE)
                    .serviceToken(provider.getFunctionArn())
                    .properties(Map.of("SecretId", privateKey.getSecretArn()))
                    .build();
            publicKeys.put(generation, PublicKey.Builder.create(this, MediaSigningKeys.constructId("PublicKey", generation))
                    .encodedKey(keyPair.getAttString(PUBLIC_KEY_ATTRIBUTE))
                    .comment("Parley media URL signing key, generation " + generation + " (generated at deploy time)")
                    .build());
            privateKeys.put(generation, privateKey);
        }
        signingPublicKey = publicKeys.get(props.signingKeys().active());
        signingPrivateKey = privateKeys.get(props.signingKeys().active());
        var keyGroup = KeyGroup.Builder.create(this, "KeyGroup").items(List.copyOf(publicKeys.values())).build();

        var originView = Bucket.fromBucketAttributes(this, "OriginBucket", BucketAttributes.builder()
                .bucketArn(bucket.getBucketArn())
                .bucketName(bucket.getBucketName())
                .bucketRegionalDomainName(bucket.getBucketRegionalDomainName())
                .build());
        var builder = Distribution.Builder.create(this, "Distribution");
        // With its own name the floor is TLS 1.2; CloudFront's default certificate cannot raise it.
        props.domain().ifPresent(domain -> builder
                .domainNames(List.of(domain.domainName()))
                .certificate(Certificate.fromCertificateArn(this, "Certificate", domain.certificateArn()))
                .minimumProtocolVersion(SecurityPolicyProtocol.TLS_V1_2_2021));
        distribution = builder
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
        RulePacks.suppress(distribution, "AwsSolutions-CFR3", "Every request carries a member's signed URL for one"
                + " object; an access log would record who fetched which media, by IP, for no operational use the"
                + " getMediaUrl route's own log does not serve");
        RulePacks.suppress(distribution, "AwsSolutions-CFR1", "Parley serves members wherever they are; media"
                + " are reachable with a signed URL only");
        RulePacks.suppress(distribution, "AwsSolutions-CFR2", "Every request needs a CloudFront signed URL checked"
                + " at the edge before S3 is reached; a WAF web ACL would add its monthly and per-request charges for"
                + " nothing a signature does not already refuse");
        if (props.domain().isEmpty()) {
            RulePacks.suppress(distribution, "AwsSolutions-CFR4", "Without context media.domainName the distribution"
                    + " serves CloudFront's default certificate, whose TLS floor cannot be set; a custom domain gets"
                    + " TLSv1.2_2021 (docs/deploy.md)");
        }
        domainName = props.domain().map(DeploymentConfig.MediaDomain::domainName)
                .orElse(distribution.getDistributionDomainName());
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
                FunctionEnvironment.MEDIA_CDN_DOMAIN, domainName,
                FunctionEnvironment.MEDIA_CDN_KEY_PAIR_ID, signingPublicKey.getPublicKeyId(),
                FunctionEnvironment.MEDIA_CDN_PRIVATE_KEY_SECRET, signingPrivateKey.getSecretArn());
    }

    /** Reading the signing generation's private key, once per cold start; no other generation's. */
    public void grantSigning(IGrantable grantee) {
        signingPrivateKey.grantRead(grantee);
    }

    /** The name signed URLs use: the custom domain, or CloudFront's. */
    public String domainName() {
        return domainName;
    }

    public Distribution distribution() {
        return distribution;
    }
}
