package dev.parley.localenv.provision;

import dev.parley.localenv.template.PhysicalIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * SNS platform applications, which CloudFormation has no resource type for: the CDK app declares
 * each as a {@code Custom::PushPlatformApplication} whose provider function reads the credentials
 * from Secrets Manager at deploy time:
 * <pre>{"Name": "Parley-apns", "Platform": "APNS", "SecretId": "parley/push/apns",
 *  "SecretAttributes": {"PlatformCredential": "signingKey", "PlatformPrincipal": "keyId", ...}}</pre>
 * Locally the application is created in moto directly, with every credential attribute set to a
 * placeholder: moto never checks them, and no secret has to exist on a laptop. {@code Ref} and
 * {@code Fn::GetAtt [Id, PlatformApplicationArn]} give the ARN, as the provider returns it.
 * The provider function itself (Node.js, behind no route or queue) is never run.
 */
final class PlatformApplicationProvisioner implements ResourceProvisioner {
    static final String TYPE = "Custom::PushPlatformApplication";
    static final String CREDENTIAL_PLACEHOLDER = "parley-local-placeholder";
    private static final Logger LOG = LoggerFactory.getLogger(PlatformApplicationProvisioner.class);
    private static final String ARN_FIELD = "PlatformApplicationArn";

    private final SnsClient sns;

    PlatformApplicationProvisioner(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public Set<String> types() {
        return Set.of(TYPE);
    }

    @Override
    public void provision(String logicalId, TemplateProperties properties, PhysicalIds ids) {
        Map<String, String> attributes = new LinkedHashMap<>();
        properties.object("SecretAttributes").ifPresent(secretAttributes ->
                secretAttributes.names().forEach(name -> attributes.put(name, CREDENTIAL_PLACEHOLDER)));
        String platform = properties.text("Platform");
        String arn = sns.createPlatformApplication(r -> r.name(properties.text("Name")).platform(platform)
                .attributes(attributes)).platformApplicationArn();
        ids.putRef(logicalId, arn).putAttribute(logicalId, ARN_FIELD, arn);
        LOG.info("platform application created resource={} platform={} arn={}", logicalId, platform, arn);
    }
}
