package dev.parley.localenv.provision;

import dev.parley.localenv.template.PhysicalIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NumberAttributeConstraintsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RecoveryOptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.StringAttributeConstraintsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AWS::Cognito::UserPool}: password policy, schema, auto-verified, username and alias
 * attributes, account recovery, admin-create-user settings and MFA (as far as moto accepts it;
 * a refused MFA setting is logged, not fatal). Messages, triggers and email/SMS delivery are
 * not emulated.
 */
final class UserPoolProvisioner implements ResourceProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(UserPoolProvisioner.class);

    private final CognitoIdentityProviderClient cognito;
    private final Region region;

    UserPoolProvisioner(CognitoIdentityProviderClient cognito, Region region) {
        this.cognito = cognito;
        this.region = region;
    }

    @Override
    public Set<String> types() {
        return Set.of("AWS::Cognito::UserPool");
    }

    @Override
    public void provision(String logicalId, TemplateProperties properties, PhysicalIds ids) {
        String name = properties.optionalText("UserPoolName").orElse(ResourceProvisioner.generatedName(logicalId));
        String poolId = existing(name).orElseGet(() -> {
            String id = cognito.createUserPool(createRequest(name, properties)).userPool().id();
            configureMfa(id, properties);
            return id;
        });
        String arn = cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().arn();
        // Values as CloudFormation documents them; the issuer in moto's tokens is the same AWS URL.
        String providerName = "cognito-idp." + region.id() + ".amazonaws.com/" + poolId;
        ids.putRef(logicalId, poolId)
                .putAttribute(logicalId, "UserPoolId", poolId)
                .putAttribute(logicalId, "Arn", arn)
                .putAttribute(logicalId, "ProviderName", providerName)
                .putAttribute(logicalId, "ProviderURL", "https://" + providerName);
    }

    private Optional<String> existing(String name) {
        return cognito.listUserPoolsPaginator(r -> r.maxResults(60)).userPools().stream()
                .filter(pool -> pool.name().equals(name))
                .map(UserPoolDescriptionType::id)
                .findFirst();
    }

    private static CreateUserPoolRequest createRequest(String name, TemplateProperties properties) {
        CreateUserPoolRequest.Builder request = CreateUserPoolRequest.builder().poolName(name);
        properties.ifObject("Policies", policies -> policies.ifObject("PasswordPolicy",
                policy -> request.policies(p -> p.passwordPolicy(passwordPolicy(policy)))));
        List<SchemaAttributeType> schema = properties.objects("Schema").stream().map(UserPoolProvisioner::schemaAttribute).toList();
        if (!schema.isEmpty()) {
            request.schema(schema);
        }
        properties.ifTexts("AutoVerifiedAttributes", request::autoVerifiedAttributesWithStrings);
        properties.ifTexts("UsernameAttributes", request::usernameAttributesWithStrings);
        properties.ifTexts("AliasAttributes", request::aliasAttributesWithStrings);
        properties.ifObject("UsernameConfiguration", config ->
                request.usernameConfiguration(c -> c.caseSensitive(config.bool("CaseSensitive", true))));
        properties.ifObject("AccountRecoverySetting", recovery -> request.accountRecoverySetting(a -> a.recoveryMechanisms(
                recovery.objects("RecoveryMechanisms").stream()
                        .map(m -> RecoveryOptionType.builder().name(m.text("Name")).priority(m.integer("Priority").orElse(1)).build())
                        .toList())));
        properties.ifObject("AdminCreateUserConfig", config -> request.adminCreateUserConfig(c -> c
                .allowAdminCreateUserOnly(config.bool("AllowAdminCreateUserOnly", false))));
        return request.build();
    }

    private static PasswordPolicyType passwordPolicy(TemplateProperties policy) {
        PasswordPolicyType.Builder out = PasswordPolicyType.builder()
                .requireLowercase(policy.bool("RequireLowercase", false))
                .requireUppercase(policy.bool("RequireUppercase", false))
                .requireNumbers(policy.bool("RequireNumbers", false))
                .requireSymbols(policy.bool("RequireSymbols", false));
        policy.integer("MinimumLength").ifPresent(out::minimumLength);
        policy.integer("TemporaryPasswordValidityDays").ifPresent(out::temporaryPasswordValidityDays);
        return out.build();
    }

    private static SchemaAttributeType schemaAttribute(TemplateProperties attribute) {
        SchemaAttributeType.Builder out = SchemaAttributeType.builder()
                .name(attribute.text("Name"))
                .attributeDataType(attribute.optionalText("AttributeDataType").orElse("String"))
                .mutable(attribute.bool("Mutable", true))
                .required(attribute.bool("Required", false));
        attribute.optionalText("DeveloperOnlyAttribute").map(Boolean::parseBoolean).ifPresent(out::developerOnlyAttribute);
        attribute.ifObject("StringAttributeConstraints", c -> out.stringAttributeConstraints(StringAttributeConstraintsType.builder()
                .minLength(c.optionalText("MinLength").orElse(null))
                .maxLength(c.optionalText("MaxLength").orElse(null))
                .build()));
        attribute.ifObject("NumberAttributeConstraints", c -> out.numberAttributeConstraints(NumberAttributeConstraintsType.builder()
                .minValue(c.optionalText("MinValue").orElse(null))
                .maxValue(c.optionalText("MaxValue").orElse(null))
                .build()));
        return out.build();
    }

    /** MFA goes through SetUserPoolMfaConfig, which takes the factors CloudFormation lists in EnabledMfas. */
    private void configureMfa(String poolId, TemplateProperties properties) {
        String mode = properties.optionalText("MfaConfiguration").orElse("OFF");
        if (mode.equals("OFF")) {
            return;
        }
        List<String> factors = properties.texts("EnabledMfas");
        try {
            cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId)
                    .mfaConfiguration(UserPoolMfaType.fromValue(mode))
                    .softwareTokenMfaConfiguration(s -> s.enabled(factors.isEmpty() || factors.contains("SOFTWARE_TOKEN_MFA"))));
        } catch (CognitoIdentityProviderException refused) {
            LOG.warn("moto refused the user pool MFA configuration; continuing without it poolId={} mfa={} error={}",
                    poolId, mode, refused.awsErrorDetails().errorMessage());
        }
    }
}
