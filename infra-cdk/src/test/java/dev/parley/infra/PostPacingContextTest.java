package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Context {@code delivery.postsPerSecond} / {@code delivery.postAttempts} reach every function that posts to sockets. */
class PostPacingContextTest {

    @Test
    void every_function_that_posts_is_told_the_pacing_and_no_other() {
        var paced = SynthesizedParley.of(SynthesizedParley.templateWith(Map.of(
                DeploymentConfig.PostPacing.POSTS_PER_SECOND, "800", DeploymentConfig.PostPacing.POST_ATTEMPTS, "6")));
        for (String handler : new String[] {"SendMessageHandler", "PresenceWorkerHandler", "ConversationsHandler"}) {
            assertThat(paced.environmentOf(handler)).as(handler)
                    .containsEntry("CONNECTIONS_POSTS_PER_SECOND", "800.0")
                    .containsEntry("CONNECTIONS_POST_ATTEMPTS", "6");
        }
        assertThat(paced.environmentOf("AuthorizerHandler")).doesNotContainKeys("CONNECTIONS_POSTS_PER_SECOND");
        assertThat(SynthesizedParley.parley().environmentOf("SendMessageHandler"))
                .as("unset: the functions' defaults, unpaced and 3 attempts")
                .doesNotContainKeys("CONNECTIONS_POSTS_PER_SECOND", "CONNECTIONS_POST_ATTEMPTS");
    }

    @Test
    void a_pace_or_attempts_aws_would_not_run_are_refused_at_synth() {
        assertThatThrownBy(() -> DeploymentConfig.from(Map.<String, Object>of("delivery.postsPerSecond", "0")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delivery.postsPerSecond");
        assertThatThrownBy(() -> DeploymentConfig.from(Map.<String, Object>of("delivery.postAttempts", "31")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 30");
    }
}
