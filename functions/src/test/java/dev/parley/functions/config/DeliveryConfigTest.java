package dev.parley.functions.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryConfigTest {
    private static final String STAGE_URL = "https://abcdef123.execute-api.eu-west-1.amazonaws.com/prod";

    @Test
    void the_management_endpoint_is_the_stage_url_from_the_environment() {
        assertThat(DeliveryConfig.from(new Environment(Map.of("AWS_REGION", "eu-west-1", "APIGW_MANAGEMENT_ENDPOINT", STAGE_URL))))
                .isEqualTo(new DeliveryConfig("eu-west-1", URI.create(STAGE_URL)));
    }

    @Test
    void a_publishing_function_without_the_endpoint_fails_at_cold_start_naming_the_variable() {
        assertThatThrownBy(() -> DeliveryConfig.from(new Environment(Map.of("AWS_REGION", "eu-west-1"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("APIGW_MANAGEMENT_ENDPOINT");
    }

    @Test
    void an_endpoint_that_is_not_an_http_url_is_refused() {
        assertThatThrownBy(() -> DeliveryConfig.from(new Environment(Map.of(
                "AWS_REGION", "eu-west-1", "APIGW_MANAGEMENT_ENDPOINT", "wss://abcdef123.execute-api.eu-west-1.amazonaws.com/prod"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not an http(s) URL");
    }

    @Test
    void posts_are_unpaced_with_three_attempts_unless_configured() {
        DeliveryConfig config = DeliveryConfig.from(new Environment(Map.of("AWS_REGION", "eu-west-1",
                "APIGW_MANAGEMENT_ENDPOINT", STAGE_URL, "CONNECTIONS_POSTS_PER_SECOND", "250.5", "CONNECTIONS_POST_ATTEMPTS", "6",
                "CONNECTIONS_POSTS_IN_FLIGHT", "80")));
        assertThat(config.postsPerSecond()).isEqualTo(250.5);
        assertThat(config.postAttempts()).isEqualTo(6);
        assertThat(config.postsInFlight()).isEqualTo(80);
        assertThat(new DeliveryConfig("eu-west-1", URI.create(STAGE_URL)))
                .returns(0.0, DeliveryConfig::postsPerSecond).returns(3, DeliveryConfig::postAttempts)
                .returns(64, DeliveryConfig::postsInFlight);
    }

    @Test
    void a_pace_or_attempts_out_of_range_fail_at_cold_start_naming_the_variable() {
        for (Map.Entry<String, String> bad : Map.of("CONNECTIONS_POSTS_PER_SECOND", "-1", "CONNECTIONS_POST_ATTEMPTS", "0")
                .entrySet()) {
            assertThatThrownBy(() -> DeliveryConfig.from(new Environment(Map.of("AWS_REGION", "eu-west-1",
                    "APIGW_MANAGEMENT_ENDPOINT", STAGE_URL, bad.getKey(), bad.getValue()))))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining(bad.getKey());
        }
        for (String attempts : new String[] {"31", "2.5", "many"}) {
            assertThatThrownBy(() -> DeliveryConfig.from(new Environment(Map.of("AWS_REGION", "eu-west-1",
                    "APIGW_MANAGEMENT_ENDPOINT", STAGE_URL, "CONNECTIONS_POST_ATTEMPTS", attempts))))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("CONNECTIONS_POST_ATTEMPTS");
        }
        for (String inFlight : new String[] {"0", "257", "16.5", "lots"}) {
            assertThatThrownBy(() -> DeliveryConfig.from(new Environment(Map.of("AWS_REGION", "eu-west-1",
                    "APIGW_MANAGEMENT_ENDPOINT", STAGE_URL, "CONNECTIONS_POSTS_IN_FLIGHT", inFlight))))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("CONNECTIONS_POSTS_IN_FLIGHT");
        }
    }
}
