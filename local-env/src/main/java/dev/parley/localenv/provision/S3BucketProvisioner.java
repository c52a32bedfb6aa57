package dev.parley.localenv.provision;

import dev.parley.localenv.template.PhysicalIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code AWS::S3::Bucket}: the bucket (named by the template or generated, in lower case as S3
 * requires) and its {@code CorsConfiguration}, so browsers may POST uploads to moto as they would
 * to S3. Encryption, public access blocks, ownership and lifecycle rules are left out: moto neither
 * enforces nor expires anything (nor does it check POST policies; S3Proxy tests cover those). The
 * bucket policy ({@code AWS::S3::BucketPolicy}) is not applied either: its SSL-only statement would
 * refuse moto's plain http. {@code Ref} is the bucket name; {@code Fn::GetAtt} gives Arn,
 * DomainName and RegionalDomainName.
 */
final class S3BucketProvisioner implements ResourceProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(S3BucketProvisioner.class);

    private final S3Client s3;
    private final String region;

    S3BucketProvisioner(S3Client s3, String region) {
        this.s3 = s3;
        this.region = region;
    }

    @Override
    public Set<String> types() {
        return Set.of("AWS::S3::Bucket");
    }

    @Override
    public void provision(String logicalId, TemplateProperties properties, PhysicalIds ids) {
        String name = properties.optionalText("BucketName")
                .orElse(ResourceProvisioner.generatedName(logicalId).toLowerCase(Locale.ROOT));
        if (!exists(name)) {
            s3.createBucket(r -> r.bucket(name));
        }
        List<CORSRule> rules = properties.object("CorsConfiguration").map(cors -> cors.objects("CorsRules")).orElse(List.of())
                .stream().map(S3BucketProvisioner::corsRule).toList();
        if (!rules.isEmpty()) {
            s3.putBucketCors(r -> r.bucket(name).corsConfiguration(c -> c.corsRules(rules)));
        }
        ids.putRef(logicalId, name)
                .putAttribute(logicalId, "Arn", "arn:aws:s3:::" + name)
                .putAttribute(logicalId, "DomainName", name + ".s3.amazonaws.com")
                .putAttribute(logicalId, "RegionalDomainName", name + ".s3." + region + ".amazonaws.com");
        LOG.info("bucket ready resource={} bucket={} corsRules={}", logicalId, name, rules.size());
    }

    private static CORSRule corsRule(TemplateProperties rule) {
        CORSRule.Builder builder = CORSRule.builder()
                .allowedMethods(rule.texts("AllowedMethods"))
                .allowedOrigins(rule.texts("AllowedOrigins"));
        rule.ifTexts("AllowedHeaders", builder::allowedHeaders);
        rule.ifTexts("ExposedHeaders", builder::exposeHeaders);
        rule.integer("MaxAge").ifPresent(builder::maxAgeSeconds);
        rule.optionalText("Id").ifPresent(builder::id);
        return builder.build();
    }

    private boolean exists(String name) {
        try {
            s3.headBucket(r -> r.bucket(name));
            return true;
        } catch (NoSuchBucketException absent) {
            return false;
        }
    }
}
