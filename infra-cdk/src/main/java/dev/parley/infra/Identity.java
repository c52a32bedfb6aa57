package dev.parley.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AttributeMapping;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.ProviderAttribute;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardThreatProtectionMode;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientIdentityProvider;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.cognito.UserPoolEmail;
import software.amazon.awscdk.services.cognito.UserPoolSESOptions;
import software.amazon.awscdk.services.cognito.UserPoolIdentityProviderApple;
import software.amazon.awscdk.services.cognito.UserPoolIdentityProviderFacebook;
import software.amazon.awscdk.services.cognito.UserPoolIdentityProviderGoogle;
import software.amazon.awscdk.services.cognito.UserVerificationConfig;
import software.amazon.awscdk.services.cognito.VerificationEmailStyle;
import software.constructs.Construct;
import software.constructs.IDependable;

/**
 * Who may connect: a Cognito user pool whose access tokens the $connect authorizer verifies, the
 * public app clients iOS, Android and web sign in with (authorization code + PKCE through the hosted
 * UI, or SRP from native screens), the social identity providers the deployer configured, and the
 * app client the local tooling and integration tests sign in with. docs/identity.md explains it.
 */
public final class Identity extends Construct {

    /** Long enough for a WebSocket session to outlive most reconnects, short enough to bound a leaked token. */
    static final Duration ACCESS_TOKEN_VALIDITY = Duration.minutes(60);
    static final Duration ID_TOKEN_VALIDITY = Duration.minutes(60);
    /** A month without opening the app signs the user out; revocation is immediate regardless. */
    static final Duration REFRESH_TOKEN_VALIDITY = Duration.days(30);
    /** With rotation, a client whose refresh response got lost may retry with the old refresh token this long. */
    static final Duration REFRESH_TOKEN_ROTATION_GRACE = Duration.seconds(60);

    /**
     * @param selfSignUp whether anyone may create an account; off means administrators create users
     * @param removalPolicy what happens to the pool, and so every account, when the stack is deleted
     * @param config MFA, threat protection, hosted UI domain, client URLs and social providers
     * @param email mail through SES; Cognito's own sender (50 mails a day) when empty
     */
    public record Props(boolean selfSignUp, RemovalPolicy removalPolicy, IdentityConfig config,
                        Optional<DeploymentConfig.SesEmail> email) {
    }

    private final UserPool userPool;
    private final UserPoolClient appClient;
    private final UserPoolClient webClient;
    private final UserPoolClient iosClient;
    private final UserPoolClient androidClient;
    private final UserPoolDomain domain;
    private final String issuer;

    public Identity(Construct scope, String id, Props props) {
        super(scope, id);
        IdentityConfig config = props.config();
        boolean threatProtection = config.threatProtection() != IdentityConfig.ThreatProtection.OFF;
        var pool = UserPool.Builder.create(this, "UserPool")
                .selfSignUpEnabled(props.selfSignUp())
                // Users sign in with their username or their verified email address.
                .signInAliases(SignInAliases.builder().username(true).email(true).build())
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .userVerification(UserVerificationConfig.builder()
                        .emailStyle(VerificationEmailStyle.CODE)
                        .emailSubject("Your Parley verification code")
                        .emailBody("Your Parley verification code is {####}.")
                        .build())
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(12)
                        .requireLowercase(true)
                        .requireUppercase(true)
                        .requireDigits(true)
                        .requireSymbols(false)
                        .tempPasswordValidity(Duration.days(3))
                        .build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                // TOTP only: SMS costs money per message and is the weaker factor.
                .mfa(config.mfaRequired() ? Mfa.REQUIRED : Mfa.OPTIONAL)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                // Essentials is what refresh token rotation needs; threat protection needs Plus.
                .featurePlan(threatProtection ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS)
                .removalPolicy(props.removalPolicy());
        props.email().ifPresent(email -> pool.email(UserPoolEmail.withSES(UserPoolSESOptions.builder()
                .fromEmail(email.fromEmail())
                .fromName(email.fromName())
                .sesVerifiedDomain(email.verifiedDomain().orElse(null))
                .sesRegion(email.region().orElse(Aws.REGION))
                .build())));
        if (threatProtection) {
            pool.standardThreatProtectionMode(config.threatProtection() == IdentityConfig.ThreatProtection.ENFORCED
                    ? StandardThreatProtectionMode.FULL_FUNCTION : StandardThreatProtectionMode.AUDIT_ONLY);
        }
        userPool = pool.build();
        RulePacks.suppress(userPool, "AwsSolutions-COG1", "Twelve characters with upper case, lower case and digits;"
                + " symbols are not required because length protects more than composition rules (NIST SP 800-63B)");
        if (config.threatProtection() != IdentityConfig.ThreatProtection.ENFORCED) {
            RulePacks.suppress(userPool, "AwsSolutions-COG3", "Threat protection needs Cognito's Plus plan, charged"
                    + " per monthly active user; context threatProtection=enforced turns it on (docs/deploy.md)");
        }
        if (!config.mfaRequired()) {
            RulePacks.suppress(userPool, "AwsSolutions-COG2", "TOTP MFA is offered to every user; context"
                    + " mfa=required makes it mandatory (docs/deploy.md)");
        }
        issuer = config.issuer() == null ? userPool.getUserPoolProviderUrl() : config.issuer();

        // First in the template, logical id unchanged: local-env and the integration tests sign in through it.
        appClient = userPool.addClient("AppClient", UserPoolClientOptions.builder()
                // SRP keeps the password off the wire for real clients. USER_PASSWORD_AUTH is
                // enabled for the local demo tooling (`./parley token`), which signs demo users in
                // with a plain InitiateAuth.
                .authFlows(AuthFlow.builder().userSrp(true).userPassword(true).build())
                .generateSecret(false)
                .preventUserExistenceErrors(true)
                .accessTokenValidity(ACCESS_TOKEN_VALIDITY)
                .idTokenValidity(ID_TOKEN_VALIDITY)
                .refreshTokenValidity(REFRESH_TOKEN_VALIDITY)
                // No OAuth: this client signs in through the API only (no hosted UI, no rotation,
                // so InitiateAuth REFRESH_TOKEN_AUTH keeps working for the tooling).
                .disableOAuth(true)
                .build());

        List<UserPoolClientIdentityProvider> providers = new ArrayList<>(List.of(UserPoolClientIdentityProvider.COGNITO));
        List<IDependable> providerResources = new ArrayList<>();
        for (IdentityConfig.SocialProvider provider : config.providers()) {
            switch (provider) {
                case IdentityConfig.Google google -> {
                    providers.add(UserPoolClientIdentityProvider.GOOGLE);
                    providerResources.add(UserPoolIdentityProviderGoogle.Builder.create(this, "Google")
                            .userPool(userPool)
                            .clientId(ssmParameter(google.clientIdParameter()))
                            .clientSecretValue(SecretValue.secretsManager(google.clientSecretName()))
                            .scopes(List.of("openid", "email", "profile"))
                            .attributeMapping(AttributeMapping.builder().email(ProviderAttribute.GOOGLE_EMAIL).build())
                            .build());
                }
                case IdentityConfig.Facebook facebook -> {
                    providers.add(UserPoolClientIdentityProvider.FACEBOOK);
                    providerResources.add(UserPoolIdentityProviderFacebook.Builder.create(this, "Facebook")
                            .userPool(userPool)
                            .clientId(ssmParameter(facebook.clientIdParameter()))
                            // The construct takes text only; this is a dynamic reference that
                            // CloudFormation resolves at deploy time, never the secret itself.
                            .clientSecret(SecretValue.secretsManager(facebook.clientSecretName()).unsafeUnwrap())
                            .scopes(List.of("public_profile", "email"))
                            .attributeMapping(AttributeMapping.builder().email(ProviderAttribute.FACEBOOK_EMAIL).build())
                            .build());
                }
                case IdentityConfig.Apple apple -> {
                    providers.add(UserPoolClientIdentityProvider.APPLE);
                    providerResources.add(UserPoolIdentityProviderApple.Builder.create(this, "Apple")
                            .userPool(userPool)
                            .clientId(ssmParameter(apple.clientIdParameter()))
                            .teamId(ssmParameter(apple.teamIdParameter()))
                            .keyId(ssmParameter(apple.keyIdParameter()))
                            .privateKeyValue(SecretValue.secretsManager(apple.privateKeySecretName()))
                            .scopes(List.of("name", "email"))
                            .attributeMapping(AttributeMapping.builder().email(ProviderAttribute.APPLE_EMAIL).build())
                            .build());
                }
            }
        }

        webClient = publicClient("WebClient", config.web(), providers, providerResources);
        iosClient = publicClient("IosClient", config.ios(), providers, providerResources);
        androidClient = publicClient("AndroidClient", config.android(), providers, providerResources);

        // A domain prefix is global across every AWS account, so it cannot have a safe default:
        // without context domainPrefix there is no hosted UI (native SRP sign-in still works).
        domain = config.domainPrefix() == null ? null : userPool.addDomain("HostedUi", UserPoolDomainOptions.builder()
                .cognitoDomain(CognitoDomainOptions.builder().domainPrefix(config.domainPrefix()).build())
                .build());
    }

    /**
     * A public client of an app that signs in through the hosted UI with authorization code +
     * PKCE (no secret: an app cannot keep one), or from its own screens with SRP.
     */
    private UserPoolClient publicClient(String id, IdentityConfig.RedirectUrls urls,
                                        List<UserPoolClientIdentityProvider> providers, List<IDependable> providerResources) {
        UserPoolClient client = userPool.addClient(id, UserPoolClientOptions.builder()
                .generateSecret(false)
                .authFlows(AuthFlow.builder().userSrp(true).build())
                .oAuth(OAuthSettings.builder()
                        .flows(OAuthFlows.builder().authorizationCodeGrant(true).implicitCodeGrant(false)
                                .clientCredentials(false).build())
                        // COGNITO_ADMIN lets the app enrol TOTP (AssociateSoftwareToken) with its access token.
                        .scopes(List.of(OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE, OAuthScope.COGNITO_ADMIN))
                        .callbackUrls(urls.callbackUrls())
                        .logoutUrls(urls.signOutUrls())
                        .build())
                .supportedIdentityProviders(providers)
                .preventUserExistenceErrors(true)
                .enableTokenRevocation(true)
                .accessTokenValidity(ACCESS_TOKEN_VALIDITY)
                .idTokenValidity(ID_TOKEN_VALIDITY)
                .refreshTokenValidity(REFRESH_TOKEN_VALIDITY)
                .refreshTokenRotationGracePeriod(REFRESH_TOKEN_ROTATION_GRACE)
                .build());
        // The client names the providers by name only: they must exist first.
        providerResources.forEach(client.getNode()::addDependency);
        return client;
    }

    /** A CloudFormation dynamic reference: the SSM String parameter's value, read at deploy time. */
    private static String ssmParameter(String name) {
        return "{{resolve:ssm:" + name + "}}";
    }

    public UserPool userPool() {
        return userPool;
    }

    /** The API-only client of the local tooling and the integration tests (USER_PASSWORD_AUTH + SRP). */
    public UserPoolClient appClient() {
        return appClient;
    }

    public UserPoolClient webClient() {
        return webClient;
    }

    public UserPoolClient iosClient() {
        return iosClient;
    }

    public UserPoolClient androidClient() {
        return androidClient;
    }

    /** Every client whose access tokens the authorizer accepts. */
    public List<UserPoolClient> clients() {
        return List.of(appClient, webClient, iosClient, androidClient);
    }

    /** The {@code iss} of the access tokens the authorizer accepts: context cognito.issuer, else the pool's AWS issuer. */
    public String issuer() {
        return issuer;
    }

    /** The hosted UI domain, when context domainPrefix named one. */
    public Optional<UserPoolDomain> domain() {
        return Optional.ofNullable(domain);
    }
}
