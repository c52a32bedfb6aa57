package dev.parley.functions.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionsConfigTest {

    @Test
    void the_table_and_region_are_read_from_the_environment() {
        assertThat(ConnectionsConfig.from(new Environment(Map.of("AWS_REGION", "us-east-1", "CONNECTIONS_TABLE", "Conn-1"))))
                .isEqualTo(new ConnectionsConfig("us-east-1", "Conn-1"));
    }

    @Test
    void a_blank_table_name_counts_as_missing() {
        assertThatThrownBy(() -> ConnectionsConfig.from(new Environment(Map.of("AWS_REGION", "us-east-1", "CONNECTIONS_TABLE", " "))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Environment variable CONNECTIONS_TABLE is required but not set.");
    }
}
