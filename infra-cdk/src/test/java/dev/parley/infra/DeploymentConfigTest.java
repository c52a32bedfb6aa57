package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeploymentConfigTest {

    @Test
    void no_context_gives_the_documented_defaults() {
        DeploymentConfig config = DeploymentConfig.from(Map.<String, Object>of()::get);

        assertThat(config).isEqualTo(DeploymentConfig.defaults());
        assertThat(config.alarmEmails()).isEmpty();
        assertThat(config.apiRateLimit()).isEqualTo(500);
        assertThat(config.apiBurstLimit()).isEqualTo(1000);
        assertThat(config.apiLoggingRole()).isTrue();
        assertThat(config.workerConcurrency()).isEqualTo(new DeploymentConfig.WorkerConcurrency(10, 10, 5, 10, 5));
        assertThat(config.email()).isEmpty();
        assertThat(config.mediaDomain()).isEmpty();
    }

    @Test
    void alarm_addresses_come_as_text_from_the_command_line_or_as_a_json_array_from_cdk_json() {
        assertThat(DeploymentConfig.from(Map.<String, Object>of("alarms.email", "a@example.com, b@example.com")::get)
                .alarmEmails()).containsExactly("a@example.com", "b@example.com");
        assertThat(DeploymentConfig.from(Map.<String, Object>of("alarms.email", List.of("a@example.com"))::get)
                .alarmEmails()).containsExactly("a@example.com");
        assertThatThrownBy(() -> DeploymentConfig.from(Map.<String, Object>of("alarms.email", "ops")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alarms.email");
    }

    @Test
    void limits_and_concurrency_are_checked_against_what_aws_accepts() {
        assertThatThrownBy(() -> DeploymentConfig.from(Map.<String, Object>of("api.rateLimit", "0")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("api.rateLimit");
        assertThatThrownBy(() -> DeploymentConfig.from(Map.<String, Object>of("api.burstLimit", "many")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a whole number");
        assertThatThrownBy(() -> DeploymentConfig.from(Map.<String, Object>of("push.maxConcurrency", "1")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 to 1000");
        assertThat(DeploymentConfig.from(Map.<String, Object>of("media.maxConcurrency", "20")::get)
                .workerConcurrency().media()).isEqualTo(20);
        assertThatThrownBy(() -> DeploymentConfig.from(Map.<String, Object>of("activity.maxConcurrency", "1001")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("activity.maxConcurrency");
        assertThat(DeploymentConfig.from(Map.<String, Object>of("fanOut.maxConcurrency", "50")::get)
                .workerConcurrency().fanOut()).isEqualTo(50);
    }

    @Test
    void an_ses_address_is_its_own_sender_and_a_domain_sends_from_no_reply_unless_told() {
        assertThat(DeploymentConfig.from(Map.<String, Object>of("email.sesIdentity", "ops@example.com")::get).email())
                .contains(new DeploymentConfig.SesEmail("ops@example.com", "ops@example.com", "Parley", Optional.empty()));
        DeploymentConfig.SesEmail domain = DeploymentConfig.from(Map.<String, Object>of(
                "email.sesIdentity", "example.com", "email.sesRegion", "eu-west-1")::get).email().orElseThrow();
        assertThat(domain.fromEmail()).isEqualTo("no-reply@example.com");
        assertThat(domain.verifiedDomain()).contains("example.com");
        assertThat(domain.region()).contains("eu-west-1");
        assertThatThrownBy(() -> DeploymentConfig.from(Map.<String, Object>of(
                "email.sesIdentity", "example.com", "email.from", "x@other.org")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verified domain example.com");
    }

    @Test
    void a_media_domain_needs_a_us_east_1_certificate_and_both_keys() {
        assertThatThrownBy(() -> DeploymentConfig.from(Map.<String, Object>of("media.domainName", "m.example.com")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("media.certificateArn");
        assertThatThrownBy(() -> DeploymentConfig.from(Map.<String, Object>of("media.domainName", "m.example.com",
                "media.certificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/x")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("us-east-1");
    }
}
