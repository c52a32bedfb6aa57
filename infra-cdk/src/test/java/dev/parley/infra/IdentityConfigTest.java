package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityConfigTest {

    @Test
    void given_no_context_then_mfa_is_optional_and_there_is_no_provider_domain_or_threat_protection() {
        IdentityConfig config = IdentityConfig.from(Map.<String, Object>of()::get);

        assertThat(config).isEqualTo(IdentityConfig.defaults());
        assertThat(config.mfaRequired()).isFalse();
        assertThat(config.providers()).isEmpty();
        assertThat(config.domainPrefix()).isNull();
        assertThat(config.threatProtection()).isEqualTo(IdentityConfig.ThreatProtection.OFF);
    }

    @Test
    void given_a_provider_with_all_its_keys_then_it_is_configured_and_the_others_are_left_out() {
        IdentityConfig config = IdentityConfig.from(Map.<String, Object>of(
                "facebook.clientIdParameter", "/parley/facebook/app-id",
                "facebook.clientSecretName", "parley/facebook/app-secret")::get);

        assertThat(config.providers()).containsExactly(
                new IdentityConfig.Facebook("/parley/facebook/app-id", "parley/facebook/app-secret"));
    }

    @Test
    void given_a_provider_configured_by_halves_then_the_synth_fails_naming_the_missing_keys() {
        assertThatThrownBy(() -> IdentityConfig.from(Map.<String, Object>of(
                "google.clientIdParameter", "/parley/google/client-id")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("google.clientSecretName");
    }

    @Test
    void given_comma_separated_urls_then_each_is_a_callback_url() {
        IdentityConfig config = IdentityConfig.from(Map.<String, Object>of(
                "ios.callbackUrls", "com.example.parley://callback, parley://auth/callback")::get);

        assertThat(config.ios().callbackUrls()).containsExactly("com.example.parley://callback", "parley://auth/callback");
        assertThat(config.ios().signOutUrls()).isEqualTo(IdentityConfig.MOBILE_DEFAULT.signOutUrls());
    }

    @Test
    void given_unknown_values_then_they_are_refused_before_deploying() {
        assertThatThrownBy(() -> IdentityConfig.from(Map.<String, Object>of("mfa", "sometimes")::get))
                .hasMessageContaining("optional or required");
        assertThatThrownBy(() -> IdentityConfig.from(Map.<String, Object>of("threatProtection", "on")::get))
                .hasMessageContaining("off, audit or enforced");
        assertThatThrownBy(() -> IdentityConfig.from(Map.<String, Object>of("domainPrefix", "My_Login")::get))
                .hasMessageContaining("domainPrefix");
        assertThatThrownBy(() -> IdentityConfig.from(Map.<String, Object>of("domainPrefix", "parley-cognito")::get))
                .hasMessageContaining("cognito");
        assertThatThrownBy(() -> IdentityConfig.from(Map.<String, Object>of("cognito.issuer", "localhost:4566/pool")::get))
                .hasMessageContaining("cognito.issuer");
    }

    @Test
    void given_mfa_required_and_threat_protection_audit_then_both_are_set() {
        IdentityConfig config = IdentityConfig.from(Map.<String, Object>of(
                "mfa", "required", "threatProtection", "audit", "domainPrefix", "parley-prod-login")::get);

        assertThat(config.mfaRequired()).isTrue();
        assertThat(config.threatProtection()).isEqualTo(IdentityConfig.ThreatProtection.AUDIT);
        assertThat(config.domainPrefix()).isEqualTo("parley-prod-login");
        assertThat(config.web().callbackUrls()).isEqualTo(List.of("http://localhost:5173/auth/callback"));
    }
}
