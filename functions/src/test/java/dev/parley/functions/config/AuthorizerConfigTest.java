package dev.parley.functions.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorizerConfigTest {
    private static final Map<String, String> MINIMAL = Map.of(
            "AWS_REGION", "eu-west-1", "USER_POOL_ID", "eu-west-1_AbC123", "APP_CLIENT_IDS", "client1");

    private static AuthorizerConfig read(Map<String, String> variables, String endpointProperty) {
        return AuthorizerConfig.from(new Environment(variables), name -> "aws.endpointUrl".equals(name) ? endpointProperty : null);
    }

    private static Map<String, String> with(String... pairs) {
        Map<String, String> variables = new HashMap<>(MINIMAL);
        for (int i = 0; i < pairs.length; i += 2) {
            variables.put(pairs[i], pairs[i + 1]);
        }
        return variables;
    }

    @Test
    void on_aws_the_issuer_and_jwks_are_cognitos_own() {
        AuthorizerConfig config = read(MINIMAL, null);

        assertThat(config.issuer()).isEqualTo("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123");
        assertThat(config.jwksUrl()).isEqualTo(URI.create(
                "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json"));
    }

    @Test
    void against_an_emulator_the_jwks_comes_from_the_endpoint_but_the_issuer_stays_the_aws_one() {
        AuthorizerConfig config = read(with("AWS_ENDPOINT_URL", "http://127.0.0.1:5055/"), null);

        assertThat(config.jwksUrl()).isEqualTo(URI.create("http://127.0.0.1:5055/eu-west-1_AbC123/.well-known/jwks.json"));
        assertThat(config.issuer()).isEqualTo("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123");
    }

    @Test
    void the_cognito_specific_endpoint_wins_over_the_general_one_which_wins_over_the_system_property() {
        assertThat(read(with("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "http://cognito:1",
                "AWS_ENDPOINT_URL", "http://general:2"), "http://property:3").jwksUrl().getHost()).isEqualTo("cognito");
        assertThat(read(with("AWS_ENDPOINT_URL", "http://general:2"), "http://property:3").jwksUrl().getHost())
                .isEqualTo("general");
        assertThat(read(MINIMAL, "http://property:3").jwksUrl().getHost()).isEqualTo("property");
    }

    @Test
    void an_explicit_issuer_and_jwks_url_win_over_every_default() {
        AuthorizerConfig config = read(with("TOKEN_ISSUER", "http://localhost:4566/eu-west-1_AbC123",
                "JWKS_URL", "http://localhost:4566/keys.json", "AWS_ENDPOINT_URL", "http://ignored:1"), null);

        assertThat(config.issuer()).isEqualTo("http://localhost:4566/eu-west-1_AbC123");
        assertThat(config.jwksUrl()).isEqualTo(URI.create("http://localhost:4566/keys.json"));
    }

    @Test
    void several_app_clients_can_be_accepted() {
        assertThat(read(with("APP_CLIENT_IDS", " web , ios,android,"), null).appClientIds())
                .containsExactlyInAnyOrder("web", "ios", "android");
    }

    @Test
    void a_broken_environment_fails_at_cold_start_with_the_variable_named() {
        assertThatThrownBy(() -> read(Map.of("AWS_REGION", "eu-west-1", "APP_CLIENT_IDS", "c"), null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("USER_POOL_ID");
        assertThatThrownBy(() -> read(with("APP_CLIENT_IDS", " , "), null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("APP_CLIENT_IDS");
        assertThatThrownBy(() -> read(with("AWS_REGION", "Ireland"), null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("AWS_REGION");
        assertThatThrownBy(() -> read(with("JWKS_URL", "file:///etc/passwd"), null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("JWKS URL");
    }
}
