package dev.parley.localenv.provision;

import dev.parley.localenv.template.PhysicalIds;

import java.util.Set;

/**
 * Media delivery through CloudFront exists on AWS only: the distribution, its origin access control,
 * key group, public key and CORS policy, the custom resource that generates the signing key pair
 * ({@code Custom::MediaSigningKey}) and the secret it writes the private key to. Nothing is created;
 * each is recorded as not emulated, so function variables that refer to them ({@code MEDIA_CDN_*})
 * are left unset and getMediaUrl hands out S3 presigned GET URLs against moto instead.
 */
final class NotEmulatedResources implements ResourceProvisioner {

    @Override
    public Set<String> types() {
        return Set.of(
                "AWS::CloudFront::Distribution",
                "AWS::CloudFront::OriginAccessControl",
                "AWS::CloudFront::CloudFrontOriginAccessIdentity",
                "AWS::CloudFront::KeyGroup",
                "AWS::CloudFront::PublicKey",
                "AWS::CloudFront::ResponseHeadersPolicy",
                "Custom::MediaSigningKey",
                "AWS::SecretsManager::Secret");
    }

    @Override
    public void provision(String logicalId, TemplateProperties properties, PhysicalIds ids) {
        ids.putNotEmulated(logicalId);
    }
}
