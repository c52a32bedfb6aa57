package dev.parley.functions;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.config.ConfigurationException;
import dev.parley.functions.handler.AuthorizerHandler;
import dev.parley.functions.handler.ConnectHandler;
import dev.parley.functions.handler.DefaultHandler;
import dev.parley.functions.handler.DisconnectHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class CompositionRootTest {
    private static final Map<String, String> CONNECTIONS = Map.of("AWS_REGION", "eu-west-1", "CONNECTIONS_TABLE", "Parley-Connections-1X2Y");
    private static final Map<String, String> AUTHORIZER = Map.of(
            "AWS_REGION", "eu-west-1", "USER_POOL_ID", "eu-west-1_AbC123", "APP_CLIENT_IDS", "client1");

    @Test
    void each_handler_starts_from_nothing_but_its_own_environment_and_touches_no_network() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            new ConnectHandler(CONNECTIONS);
            new DisconnectHandler(CONNECTIONS);
            new DefaultHandler(CONNECTIONS);
            new AuthorizerHandler(AUTHORIZER);
        });
    }

    @Test
    void a_function_missing_its_table_fails_at_cold_start_naming_the_variable() {
        assertThatThrownBy(() -> new ConnectHandler(Map.of("AWS_REGION", "eu-west-1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("CONNECTIONS_TABLE");
    }

    @Test
    void priming_before_a_snapshot_needs_no_network_and_makes_no_aws_call() {
        ConnectHandler connect = new ConnectHandler(CONNECTIONS);
        AuthorizerHandler authorizer = new AuthorizerHandler(AUTHORIZER);
        Map<String, Long> before = AwsCallCounter.process().snapshot();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            connect.beforeCheckpoint(null);
            authorizer.beforeCheckpoint(null);
        });

        assertThat(AwsCallCounter.process().snapshot()).isEqualTo(before);
    }
}
