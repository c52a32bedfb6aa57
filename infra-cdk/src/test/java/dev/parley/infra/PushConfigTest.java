package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PushConfigTest {

    @Test
    void given_no_push_context_when_configuring_then_no_platform_is_set_up() {
        PushConfig config = PushConfig.from(Map.<String, Object>of()::get);

        assertThat(config).isEqualTo(PushConfig.none());
        assertThat(config.apns()).isEmpty();
        assertThat(config.fcm()).isEmpty();
    }

    @Test
    void given_both_secret_names_when_configuring_then_both_platforms_are_set_up() {
        PushConfig config = PushConfig.from(Map.<String, Object>of(
                "push.apns.secret", "parley/push/apns", "push.fcm.secret", " prod/fcm ")::get);

        assertThat(config.apns()).contains("parley/push/apns");
        assertThat(config.fcm()).contains("prod/fcm");
    }

    @Test
    void given_a_blank_secret_name_when_configuring_then_that_platform_is_left_out() {
        PushConfig config = PushConfig.from(Map.<String, Object>of("push.apns.secret", "  ")::get);

        assertThat(config.apns()).isEmpty();
    }

    @Test
    void given_something_that_is_no_secret_name_when_configuring_then_it_is_refused_before_deploying() {
        assertThatThrownBy(() -> PushConfig.from(Map.<String, Object>of("push.fcm.secret", "arn with spaces")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("push.fcm.secret");
    }
}
