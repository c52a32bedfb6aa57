package dev.parley.infra;

import static dev.parley.infra.SynthesizedParley.asMap;
import static dev.parley.infra.SynthesizedParley.asStrings;
import static dev.parley.infra.SynthesizedParley.parley;
import static dev.parley.infra.SynthesizedParley.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The user pool as a product ships it: public clients on authorization code + PKCE, TOTP, social
 * providers only when configured, token lifetimes. Checked on the default synthesis (no identity
 * context, as local-env and the tests get it) and on one with every identity option set.
 */
class IdentityTest {

    private static final String TOOLING_CLIENT = "IdentityUserPoolAppClientCFFB7503";

    /** Google and Apple configured, Facebook not; MFA required; threat protection enforced; a hosted UI. */
    private static final Map<String, Object> PRODUCT_CONTEXT = Map.of(
            "google.clientIdParameter", "/parley/google/client-id",
            "google.clientSecretName", "parley/google/client-secret",
            "apple.clientIdParameter", "/parley/apple/services-id",
            "apple.teamIdParameter", "/parley/apple/team-id",
            "apple.keyIdParameter", "/parley/apple/key-id",
            "apple.privateKeySecretName", "parley/apple/private-key",
            "mfa", "required",
            "threatProtection", "enforced",
            "domainPrefix", "parley-test-login",
            "web.callbackUrls", "https://app.example.com/auth/callback, http://localhost:5173/auth/callback");

    private static Template product;

    private final SynthesizedParley parley = parley();

    private static synchronized Template product() {
        if (product == null) {
            product = SynthesizedParley.templateWith(PRODUCT_CONTEXT);
        }
        return product;
    }

    @Test
    void there_is_a_public_client_each_for_web_ios_and_android_besides_the_tooling_client() {
        template().resourceCountIs("AWS::Cognito::UserPoolClient", 4);
        assertThat(publicClients(parley)).hasSize(3)
                .anyMatch(id -> id.contains("WebClient"))
                .anyMatch(id -> id.contains("IosClient"))
                .anyMatch(id -> id.contains("AndroidClient"));
    }

    @Test
    void public_clients_use_only_the_authorization_code_flow_with_pkce_and_have_no_secret() {
        for (String client : publicClients(parley)) {
            Map<String, Object> properties = parley.properties(client);
            assertThat(properties).as(client)
                    .containsEntry("AllowedOAuthFlows", List.of("code"))
                    .containsEntry("AllowedOAuthFlowsUserPoolClient", true)
                    .containsEntry("PreventUserExistenceErrors", "ENABLED")
                    .containsEntry("EnableTokenRevocation", true);
            // No secret: an app cannot keep one; PKCE's code verifier protects the code instead.
            assertThat(properties.getOrDefault("GenerateSecret", false)).as(client).isEqualTo(false);
            assertThat(asStrings(properties.get("AllowedOAuthScopes"))).as(client)
                    .contains("openid", "email", "profile", "aws.cognito.signin.user.admin");
            // Native screens may sign in with SRP. No ALLOW_REFRESH_TOKEN_AUTH: with rotation on,
            // refreshing goes through /oauth2/token or GetTokensFromRefreshToken, which rotate.
            assertThat(asStrings(properties.get("ExplicitAuthFlows"))).as(client)
                    .containsExactly("ALLOW_USER_SRP_AUTH");
        }
    }

    @Test
    void no_client_may_use_the_implicit_or_client_credentials_flow() {
        for (String client : parley.idsOfType("AWS::Cognito::UserPoolClient")) {
            Object flows = parley.properties(client).get("AllowedOAuthFlows");
            if (flows != null) {
                assertThat(asStrings(flows)).as(client).doesNotContain("implicit", "client_credentials");
            }
        }
        assertThat(parley.properties(TOOLING_CLIENT)).doesNotContainKey("AllowedOAuthFlows")
                .doesNotContainKey("CallbackURLs");
    }

    @Test
    void tokens_last_an_hour_refresh_tokens_a_month_and_public_clients_rotate_refresh_tokens() {
        for (String client : parley.idsOfType("AWS::Cognito::UserPoolClient")) {
            assertThat(parley.properties(client)).as(client)
                    .containsEntry("AccessTokenValidity", 60)
                    .containsEntry("IdTokenValidity", 60)
                    .containsEntry("RefreshTokenValidity", 43200)
                    .containsEntry("TokenValidityUnits",
                            Map.of("AccessToken", "minutes", "IdToken", "minutes", "RefreshToken", "minutes"));
        }
        for (String client : publicClients(parley)) {
            assertThat(parley.properties(client)).as(client).containsEntry("RefreshTokenRotation",
                    Map.of("Feature", "ENABLED", "RetryGracePeriodSeconds", 60));
        }
        // The tooling refreshes with InitiateAuth, which rotation would refuse.
        assertThat(parley.properties(TOOLING_CLIENT)).doesNotContainKey("RefreshTokenRotation");
    }

    @Test
    void by_default_web_calls_back_to_localhost_and_mobile_apps_to_the_placeholder_scheme() {
        for (String client : publicClients(parley)) {
            Map<String, Object> properties = parley.properties(client);
            if (client.contains("WebClient")) {
                assertThat(properties).containsEntry("CallbackURLs", List.of("http://localhost:5173/auth/callback"))
                        .containsEntry("LogoutURLs", List.of("http://localhost:5173/"));
            } else {
                assertThat(properties).as(client).containsEntry("CallbackURLs", List.of("parley://auth/callback"))
                        .containsEntry("LogoutURLs", List.of("parley://auth/signed-out"));
            }
        }
    }

    @Test
    void callback_urls_come_from_context() {
        SynthesizedParley configured = SynthesizedParley.of(product());
        String web = publicClients(configured).stream().filter(id -> id.contains("WebClient")).findFirst().orElseThrow();

        assertThat(configured.properties(web)).containsEntry("CallbackURLs",
                List.of("https://app.example.com/auth/callback", "http://localhost:5173/auth/callback"));
    }

    @Test
    void totp_is_the_only_second_factor_and_optional_by_default() {
        template().hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "MfaConfiguration", "OPTIONAL",
                "EnabledMfas", List.of("SOFTWARE_TOKEN_MFA")));
    }

    @Test
    void context_mfa_required_makes_totp_mandatory() {
        product().hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "MfaConfiguration", "ON",
                "EnabledMfas", List.of("SOFTWARE_TOKEN_MFA")));
    }

    @Test
    void email_is_verified_with_a_code_and_recovers_the_account() {
        template().hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "AutoVerifiedAttributes", List.of("email"),
                "VerificationMessageTemplate", Match.objectLike(Map.of("DefaultEmailOption", "CONFIRM_WITH_CODE")),
                "AccountRecoverySetting", Map.of("RecoveryMechanisms",
                        List.of(Map.of("Name", "verified_email", "Priority", 1)))));
    }

    @Test
    void threat_protection_is_off_unless_the_deployer_enables_it() {
        Map<String, Object> pool = parley.properties(parley.idsOfType("AWS::Cognito::UserPool").get(0));
        assertThat(pool).containsEntry("UserPoolTier", "ESSENTIALS").doesNotContainKey("UserPoolAddOns");

        product().hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "UserPoolTier", "PLUS",
                "UserPoolAddOns", Map.of("AdvancedSecurityMode", "ENFORCED")));
    }

    @Test
    void without_configuration_there_is_no_social_provider_and_no_hosted_ui_domain() {
        template().resourceCountIs("AWS::Cognito::UserPoolIdentityProvider", 0);
        template().resourceCountIs("AWS::Cognito::UserPoolDomain", 0);
        for (String client : publicClients(parley)) {
            assertThat(parley.properties(client)).as(client)
                    .containsEntry("SupportedIdentityProviders", List.of("COGNITO"));
        }
    }

    @Test
    void configured_providers_are_present_with_credentials_resolved_at_deploy_time_and_an_unconfigured_one_is_omitted() {
        Template configured = product();
        configured.resourceCountIs("AWS::Cognito::UserPoolIdentityProvider", 2);
        configured.hasResourceProperties("AWS::Cognito::UserPoolIdentityProvider", Map.of(
                "ProviderName", "Google",
                "ProviderType", "Google",
                "ProviderDetails", Match.objectLike(Map.of(
                        "client_id", "{{resolve:ssm:/parley/google/client-id}}",
                        "client_secret", "{{resolve:secretsmanager:parley/google/client-secret:SecretString:::}}"))));
        configured.hasResourceProperties("AWS::Cognito::UserPoolIdentityProvider", Map.of(
                "ProviderName", "SignInWithApple",
                "ProviderDetails", Match.objectLike(Map.of(
                        "client_id", "{{resolve:ssm:/parley/apple/services-id}}",
                        "team_id", "{{resolve:ssm:/parley/apple/team-id}}",
                        "key_id", "{{resolve:ssm:/parley/apple/key-id}}",
                        "private_key", "{{resolve:secretsmanager:parley/apple/private-key:SecretString:::}}"))));
        assertThat(configured.findResources("AWS::Cognito::UserPoolIdentityProvider",
                Map.of("Properties", Map.of("ProviderName", "Facebook")))).isEmpty();

        SynthesizedParley parsed = SynthesizedParley.of(configured);
        List<String> providers = parsed.idsOfType("AWS::Cognito::UserPoolIdentityProvider");
        for (String client : publicClients(parsed)) {
            assertThat(asStrings(parsed.properties(client).get("SupportedIdentityProviders"))).as(client)
                    .containsExactlyInAnyOrder("COGNITO", "Google", "SignInWithApple");
            // Clients name providers by name only, so they must be created after them.
            assertThat(parsed.dependenciesOf(client)).as(client).containsAll(providers);
        }
    }

    @Test
    void a_configured_domain_prefix_gives_the_hosted_ui_and_its_url_is_an_output() {
        product().hasResourceProperties("AWS::Cognito::UserPoolDomain", Map.of("Domain", "parley-test-login"));
        assertThat(product().findOutputs("HostedUiUrl")).hasSize(1);
    }

    @Test
    void the_authorizer_accepts_tokens_of_every_client() {
        String authorizer = parley.functionWithHandler("AuthorizerHandler");
        Object clientIds = asMap(asMap(parley.properties(authorizer).get("Environment")).get("Variables"))
                .get("APP_CLIENT_IDS");

        assertThat(SynthesizedParley.joinedText(clientIds)).isEqualTo("{},{},{},{}");
        assertThat(parley.referencedIds(clientIds))
                .containsExactlyInAnyOrderElementsOf(parley.idsOfType("AWS::Cognito::UserPoolClient"));
    }

    @Test
    void by_default_the_authorizer_accepts_the_pools_own_aws_issuer() {
        Object issuer = parley.environmentOf("AuthorizerHandler").get("TOKEN_ISSUER");

        assertThat(issuer).isEqualTo(Map.of("Fn::GetAtt", List.of(parley.idsOfType("AWS::Cognito::UserPool").get(0), "ProviderURL")));
    }

    @Test
    void context_cognito_issuer_is_the_issuer_the_authorizer_accepts() {
        SynthesizedParley localStack = SynthesizedParley.of(SynthesizedParley.templateWith(
                Map.of(IdentityConfig.ISSUER, "http://localhost:4566/us-east-1_LocalPool")));

        assertThat(localStack.environmentOf("AuthorizerHandler"))
                .containsEntry("TOKEN_ISSUER", "http://localhost:4566/us-east-1_LocalPool");
    }

    @Test
    void the_user_pool_writes_the_directory_entry_on_confirmation_and_on_sign_in() {
        String pool = parley.idsOfType("AWS::Cognito::UserPool").get(0);
        Map<String, Object> triggers = asMap(parley.properties(pool).get("LambdaConfig"));

        assertThat(triggers.keySet()).containsExactlyInAnyOrder("PostConfirmation", "PostAuthentication");
        triggers.values().forEach(trigger ->
                assertThat(parley.handlerInvokedThrough(trigger)).isEqualTo("UserPoolTriggerHandler"));
        String function = parley.functionWithHandler("UserPoolTriggerHandler");
        assertThat(parley.environmentOf("UserPoolTriggerHandler"))
                .containsEntry("USERS_TABLE", Map.of("Ref", parley.tableKeyedBy("username")));
        assertThat(parley.actionsAllowedOn(function, parley.tableKeyedBy("username"))).containsExactly("dynamodb:UpdateItem");
        // Cognito gives up on a trigger after 5 s.
        assertThat(parley.properties(function)).containsEntry("Timeout", 5);
    }

    private static List<String> publicClients(SynthesizedParley template) {
        return template.idsOfType("AWS::Cognito::UserPoolClient").stream()
                .filter(id -> !id.equals(TOOLING_CLIENT))
                .toList();
    }
}
